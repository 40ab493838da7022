"""Smaller admin fixes of issue 13, through the admin's own URLs."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow

from home.permissions import remove_wagtail_defaults
from tests.home.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_wagtail_sample_groups_and_workflow_are_removed():
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).exists()  # from Wagtail's migrations
    remove_wagtail_defaults()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_a_sample_group_with_members_is_kept(django_user_model):
    user = django_user_model.objects.create_user(username="editor")
    user.groups.add(Group.objects.get(name="Editors"))
    remove_wagtail_defaults()
    assert Group.objects.filter(name="Editors").exists()


def test_department_chooser_lists_every_department_by_name_under_a_japanese_title(admin_client):
    names = [f"課{number:02d}" for number in range(30, 0, -1)]
    for number, name in enumerate(names):
        DepartmentFactory(name=name, section="", sort_order=number)
    response = admin_client.get(reverse("wagtailsnippetchoosers_cms_department:choose"))
    html = response.json()["html"]
    assert "担当課を選択" in html and "選択 担当課" not in html
    positions = [html.index(name) for name in sorted(names)]
    assert positions == sorted(positions)  # all 30 on the one screen, by name


def test_page_chooser_opens_at_the_editors_own_site(client, django_user_model):
    root = Page.get_first_root_node()
    city = root.add_child(instance=Page(title="市のサイト", slug="city-top"))
    water = root.add_child(instance=Page(title="水道のサイト", slug="water-top"))
    section = city.add_child(instance=Page(title="くらし", slug="kurashi"))
    group = Group.objects.create(name="各課編集者（環境課）")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=section, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user(username="kankyo", password="x")
    user.groups.add(group)
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_choose_page") + "?page_type=wagtailcore.page")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_choose_page_child", args=[city.pk]))

    html = client.get(reverse("wagtailadmin_choose_page_child", args=[root.pk]), follow=True).json()["html"]
    assert "市のサイト" in html and water.title not in html


def test_login_form_labels_the_password_in_japanese(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert ">Password<" not in html.replace("\n", "").replace(" ", "")
    assert "パスワード" in html


def test_superuser_opens_the_groups_in_japanese(admin_client):
    response = admin_client.get(reverse("wagtailusers_groups:index"))
    assert response.status_code == 200
    assert "<title>グループ - Wagtail</title>" in response.content.decode()


def test_city_publishers_open_the_promoted_search_results_in_japanese(client, django_user_model):
    from home.permissions import CITY_PUBLISHERS, ensure_editor_groups

    ensure_editor_groups(Page.get_first_root_node().add_child(instance=Page(title="市", slug="city")))
    user = django_user_model.objects.create_user(username="koho", password="x")
    user.groups.add(Group.objects.get(name=CITY_PUBLISHERS))
    client.force_login(user)
    response = client.get(reverse("wagtailsearchpromotions:index"))
    assert response.status_code == 200
    assert "<title>検索のおすすめ - Wagtail</title>" in response.content.decode()
