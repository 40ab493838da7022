"""Staff names as Japanese staff write them: 「広報 花子」 (姓 名) wherever the admin shows a person."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, Site

from home.permissions import CITY_PUBLISHERS, DIVISION_EDITORS, ensure_editor_groups
from tests.home.factories import (
    CityHomePageFactory,
    ContentPageFactory,
    DepartmentFactory,
    SectionPageFactory,
)
from tests.water.factories import WaterHomePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def gomi():
    root = Page.get_first_root_node()
    home = CityHomePageFactory(parent=root)
    Site.objects.create(hostname="city.test", port=80, root_page=home, site_name="須賀川市")
    water = WaterHomePageFactory(parent=root)
    Site.objects.create(hostname="water.test", port=80, root_page=water, site_name="水道事業")
    kurashi = SectionPageFactory(parent=home, slug="kurashi")
    section = SectionPageFactory(parent=kurashi, slug="gomi", department=DepartmentFactory(name="環境課"))
    ensure_editor_groups(home, water)
    return section


def staff(username, family_name, given_name, *group_names):
    user = get_user_model().objects.create_user(
        username,
        password="x-" + username * 2,
        email=f"{username}@city.sukagawa.example",
        last_name=family_name,
        first_name=given_name,
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture()
def kouhou(gomi):
    return staff("kouhou", "広報", "花子", CITY_PUBLISHERS)


@pytest.fixture()
def kankyo(gomi):
    return staff("kankyo", "環境", "太郎", DIVISION_EDITORS, f"{DIVISION_EDITORS}（環境課）")


def admin_html(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_full_and_short_name_put_the_family_name_first():
    user = get_user_model()(last_name="広報", first_name="花子", username="kouhou")
    assert user.get_full_name() == "広報 花子"
    assert user.get_short_name() == "広報 花子"
    assert user.salutation() == "広報 花子 様"


def test_dashboard_header_shows_the_name_in_japanese_order(client, kouhou):
    html = admin_html(client, kouhou, "/admin/")
    assert "広報 花子" in html
    assert "花子 広報" not in html


def test_page_history_names_the_editor_in_japanese_order(client, gomi, kankyo, kouhou):
    page = ContentPageFactory(parent=gomi, title="粗大ごみの出し方", live=False)
    page.save_revision(user=kankyo, log_action=True)
    html = admin_html(client, kouhou, f"/admin/pages/{page.pk}/history/")
    assert "環境 太郎" in html
    assert "太郎 環境" not in html


def test_workflow_panel_names_the_submitter_in_japanese_order(client, gomi, kankyo, kouhou):
    page = ContentPageFactory(parent=gomi, title="承認を待つページ", live=False)
    page.save_revision(user=kankyo)
    page.get_workflow().start(page, kankyo)
    html = admin_html(client, kouhou, f"/admin/pages/{page.pk}/edit/")
    assert "環境 太郎" in html
    assert "太郎 環境" not in html


def test_notification_mail_greets_the_approver_by_full_name(gomi, kankyo, kouhou):
    page = ContentPageFactory(parent=gomi, title="承認を待つページ", live=False)
    page.save_revision(user=kankyo)
    mail.outbox.clear()
    page.get_workflow().start(page, kankyo)
    to_kouhou = [message for message in mail.outbox if message.to == [kouhou.email]]
    assert to_kouhou, [message.to for message in mail.outbox]
    assert "広報 花子 さん" in to_kouhou[0].body
    assert "花子 さん" not in to_kouhou[0].body.replace("広報 花子 さん", "")


def test_user_form_asks_for_family_name_before_given_name(client, gomi):
    admin = get_user_model().objects.create_superuser("admin-names", "a@city.sukagawa.example", "pw-admin-names")
    html = admin_html(client, admin, reverse("wagtailusers_users:add"))
    assert html.index('name="last_name"') < html.index('name="first_name"')
    assert 'name="last_name_kana"' in html and 'name="first_name_kana"' in html


def test_users_list_is_in_japanese_order(client, kouhou, kankyo):
    admin = get_user_model().objects.create_superuser("admin-names", "a@city.sukagawa.example", "pw-admin-names")
    html = admin_html(client, admin, reverse("wagtailusers_users:index"))
    assert "広報 花子" in html and "環境 太郎" in html
    assert "花子 広報" not in html and "太郎 環境" not in html
