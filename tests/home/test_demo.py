import io

import pytest
from wagtail.models import Page

from cms.demo_utils import DemoContext
from cms.models import Department
from home.models import ContentPage, EmergencyNotice, LifeEvent, NewsPage, SectionPage

pytestmark = pytest.mark.django_db


def seed_city():
    import cms.demo
    import home.demo

    ctx = DemoContext(stdout=io.StringIO())
    cms.demo.seed(ctx)
    home.demo.seed(ctx)
    return ctx


def test_demo_builds_a_believable_city_site():
    ctx = seed_city()
    home = ctx.city_root
    assert SectionPage.objects.child_of(home).live().count() >= 6
    assert ContentPage.objects.descendant_of(home).live().count() >= 40
    assert NewsPage.objects.descendant_of(home).live().count() >= 15
    assert Department.objects.count() >= 5
    assert LifeEvent.objects.count() == 8
    assert all(event.pages.exists() for event in LifeEvent.objects.all())
    notice = EmergencyNotice.objects.get()
    assert not notice.is_active()
    assert {"市民課", "環境課", "経営課", "秘書広報課"} <= set(ctx.extra["departments"])
    articles = ContentPage.objects.all()
    assert not articles.filter(department=None).exists() and not articles.filter(summary="").exists()


def test_second_demo_run_changes_nothing():
    seed_city()
    revisions = list(Page.objects.values_list("pk", "latest_revision_id").order_by("pk"))
    ctx = seed_city()
    assert (ctx.created, ctx.updated) == (0, 0)
    assert list(Page.objects.values_list("pk", "latest_revision_id").order_by("pk")) == revisions
