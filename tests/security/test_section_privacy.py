"""Security II, finding 1: a section owner put /kanko/ (and, as 経営課, the whole water site) behind
a password. Privacy on a Site root or a section root is a superuser's decision, like delete/move."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, PageViewRestriction

from tests.home.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def tree(city_home):
    kanko = SectionPageFactory(parent=city_home, slug="kanko", title="観光")
    guide = ContentPageFactory(parent=kanko, slug="botan", title="牡丹園")
    return {"home": city_home, "kanko": kanko, "guide": guide}


@pytest.fixture()
def section_owner(client, django_user_model, tree):
    """観光交流課 with publish permission on the city site (what lets Wagtail offer privacy)."""
    group = Group.objects.create(name="観光交流課")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree["home"], permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("kanko", password="pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def _set_password(client, page):
    return client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "password", "password": "x"}
    )


def test_section_owner_cannot_put_a_section_root_behind_a_password(section_owner, tree):
    response = _set_password(section_owner, tree["kanko"])
    assert response.status_code in (302, 403)  # Wagtail's admin turns a refusal into a redirect
    assert not PageViewRestriction.objects.filter(page=tree["kanko"]).exists()


def test_section_owner_cannot_put_the_site_root_behind_a_password(section_owner, tree):
    _set_password(section_owner, tree["home"])
    assert not PageViewRestriction.objects.exists()


def test_section_owner_still_sets_privacy_on_an_ordinary_page(section_owner, tree):
    response = _set_password(section_owner, tree["guide"])
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=tree["guide"], restriction_type="password").exists()


def test_superuser_sets_privacy_on_a_section_root(admin_client, tree):
    _set_password(admin_client, tree["kanko"])
    assert PageViewRestriction.objects.filter(page=tree["kanko"]).exists()
