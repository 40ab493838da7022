"""The admin dashboard per role: 経営課 sees open water applications, editors their drafts and approvals."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.permissions import (
    CITY_PUBLISHERS,
    DIVISION_EDITORS,
    WATER_EDITORS,
    ensure_editor_groups,
)
from tests.home.factories import (
    CityHomePageFactory,
    ContentPageFactory,
    DepartmentFactory,
    SectionPageFactory,
)
from tests.water.factories import WaterApplicationFactory, WaterHomePageFactory
from water.models import ApplicationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture()
def site():
    root = Page.get_first_root_node()
    home = CityHomePageFactory(parent=root)
    Site.objects.create(hostname="city.test", port=80, root_page=home, site_name="須賀川市")
    water = WaterHomePageFactory(parent=root)
    Site.objects.create(hostname="water.test", port=80, root_page=water, site_name="水道事業")
    kurashi = SectionPageFactory(parent=home, slug="kurashi")
    gomi = SectionPageFactory(parent=kurashi, slug="gomi", department=DepartmentFactory(name="環境課"))
    ensure_editor_groups(home, water)
    return {"home": home, "gomi": gomi}


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(username, password="x-" + username * 2)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture()
def kankyo(site):
    return make_user("kankyo", DIVISION_EDITORS, f"{DIVISION_EDITORS}（環境課）")


def draft_by(user, parent, title):
    page = ContentPageFactory(parent=parent, title=title, live=False)
    page.save_revision(user=user)
    return page


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_water_staff_see_new_and_in_progress_applications(client, site):
    WaterApplicationFactory(reception_number="W-20261124-0001")
    WaterApplicationFactory(reception_number="W-20261124-0002", status=ApplicationStatus.IN_PROGRESS)
    WaterApplicationFactory(reception_number="W-20261124-0003", status=ApplicationStatus.COMPLETED)
    html = dashboard(client, make_user("keiei", WATER_EDITORS))
    assert "新しい申込み（受付）：1件" in html
    assert "確認中：1件" in html
    assert "W-20261124-0001" in html and "W-20261124-0002" in html
    assert "W-20261124-0003" not in html  # completed: nothing to do
    assert "/admin/water/applications/" in html or "申込みの一覧へ" in html


def test_division_editor_does_not_see_water_applications(client, kankyo):
    WaterApplicationFactory(reception_number="W-20261124-0001")
    html = dashboard(client, kankyo)
    assert "開栓・閉栓の申込み" not in html
    assert "W-20261124-0001" not in html


def test_editor_sees_own_drafts_but_not_others_or_submitted(client, site, kankyo):
    other = make_user("kankyo2", DIVISION_EDITORS, f"{DIVISION_EDITORS}（環境課）")
    draft_by(kankyo, site["gomi"], "粗大ごみの出し方（改訂案）")
    draft_by(other, site["gomi"], "ほかの人の下書き")
    submitted = draft_by(kankyo, site["gomi"], "申請済みのページ")
    submitted.get_workflow().start(submitted, kankyo)
    html = dashboard(client, kankyo)
    assert "あなたの下書き（1件）" in html
    assert "粗大ごみの出し方（改訂案）" in html
    assert "ほかの人の下書き" not in html


def test_city_publisher_sees_what_waits_for_approval(client, site, kankyo):
    submitted = draft_by(kankyo, site["gomi"], "承認を待つページ")
    submitted.get_workflow().start(submitted, kankyo)
    html = dashboard(client, make_user("koho", CITY_PUBLISHERS))
    assert "承認を待つページ" in html
    assert "あなたの下書き（0件）" in html


def test_dashboard_query_count_does_not_grow_with_content(
    client, site, kankyo, django_assert_max_num_queries
):
    keiei = make_user("keiei", WATER_EDITORS, CITY_PUBLISHERS)
    for number in range(12):
        WaterApplicationFactory(reception_number=f"W-20261124-{number + 1:04d}")
        draft_by(keiei, site["gomi"], f"下書き{number}")
    client.force_login(keiei)
    client.get("/admin/")  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(60):
        response = client.get("/admin/")
    assert "新しい申込み（受付）：12件" in response.content.decode()


def test_panels_take_two_queries_each_whatever_the_numbers(site, kankyo, django_assert_max_num_queries):
    from home.dashboard import MyDraftsPanel
    from water.dashboard import WaterApplicationsPanel

    for number in range(8):
        WaterApplicationFactory(reception_number=f"W-20261124-{number + 1:04d}")
        draft_by(kankyo, site["gomi"], f"下書き{number}")
    with django_assert_max_num_queries(2):
        WaterApplicationsPanel().render_html({})
    with django_assert_max_num_queries(2):
        MyDraftsPanel(kankyo).render_html({})


def test_scheduled_page_is_not_listed_as_a_forgotten_draft(client, site, kankyo):
    import datetime

    from django.utils import timezone

    scheduled = draft_by(kankyo, site["gomi"], "年末年始のごみ収集について")
    revision = scheduled.latest_revision
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=3)
    revision.save()
    html = dashboard(client, kankyo)
    assert "あなたの下書き（0件）" in html
    assert "年末年始のごみ収集について" not in html


def test_draft_of_a_live_page_is_named_as_wagtail_names_it(client, site, kankyo):
    page = ContentPageFactory(parent=site["gomi"], title="公開中のページ", live=True)
    page.save_revision(user=kankyo)
    html = dashboard(client, kankyo)
    assert "公開中（下書きあり）" in html
    assert "未公開の変更あり" not in html
