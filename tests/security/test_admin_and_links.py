"""Findings 8, 10 and 11a: who sees residents' comments, amplification through links that repeat
the URL, and an incomplete 災害モード POST."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from home.models import DisasterModeSettings
from tests.faq.factories import FAQFeedbackFactory, FAQPageFactory, faq_index

pytestmark = pytest.mark.django_db

JUNK = "x" * 60_000


@pytest.fixture()
def page_editor(django_user_model):
    """An editor who may edit pages (環境課) but does not handle residents' comments."""
    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.create(name="環境課")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = django_user_model.objects.create_user("kankyo", password="pw")
    user.groups.add(group)
    return user


@pytest.fixture()
def comment():
    page = FAQPageFactory(parent=faq_index(), title="粗大ごみの出し方")
    return FAQFeedbackFactory(page=page, helpful=False, comment="八幡町の須賀川です、電話ください")


@pytest.mark.parametrize("suffix", ["", "?export=csv", "?export=xlsx"])
def test_feedback_report_is_closed_to_editors_who_do_not_handle_comments(
    client, page_editor, comment, suffix
):
    client.force_login(page_editor)
    response = client.get("/admin/reports/faq/feedback/" + suffix)
    assert response.status_code in (302, 403)
    assert "八幡町の須賀川" not in response.content.decode(errors="ignore")


def test_feedback_report_menu_item_is_hidden_from_them(client, page_editor):
    client.force_login(page_editor)
    assert "FAQの評価" not in client.get("/admin/").content.decode()


def test_kouhou_group_sees_the_comments(client, django_user_model, comment):
    from home.permissions import CITY_PUBLISHER_MODEL_PERMISSIONS

    assert "view" in CITY_PUBLISHER_MODEL_PERMISSIONS["faq.faqfeedback"]
    group = Group.objects.create(name="秘書広報課")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_faqfeedback")
    )
    from wagtail.models import GroupPagePermission, Page

    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = django_user_model.objects.create_user("kouhou", password="pw")
    user.groups.add(group)
    client.force_login(user)
    response = client.get("/admin/reports/faq/feedback/")
    assert response.status_code == 200 and "八幡町の須賀川" in response.content.decode()


@pytest.mark.parametrize("path", ["/search/", "/"])
def test_a_long_query_string_is_not_copied_into_links(client, city_home, path):
    response = client.get(f"{path}?q=ごみ&junk={JUNK}", HTTP_HOST="city.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert "xxxxxxxxxx" not in html
    assert len(html) < 200_000


def test_search_links_keep_the_query_but_bounded(client, city_home):
    response = client.get("/search/?q=" + "ご" * 5000, HTTP_HOST="city.test")
    html = response.content.decode()
    assert "ご" * 5000 not in html
    assert len(html.encode()) < 300_000


def test_disaster_mode_post_without_the_links_count_is_a_form_error(admin_client, city_home):
    site = Site.objects.get(hostname="city.test")
    settings = DisasterModeSettings.for_site(site)
    settings.headline = "台風第19号に関する情報"
    settings.evacuation_links = [
        ("link", {"text": "避難所の開設状況", "url": "https://example.jp/hinan", "page": None})
    ]
    settings.save()
    url = f"/admin/settings/home/disastermodesettings/{site.pk}/"
    response = admin_client.post(
        url, {"is_active": "on", "headline": "書き換え", "message": "", "emergency_contacts-count": "0"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The field's error is shown in the StreamField's own (JSON) data, so it may be escaped.
    assert "欠けていた" in html or json.dumps("欠けていた")[1:-1] in html
    settings = DisasterModeSettings.objects.get(pk=settings.pk)
    assert settings.headline == "台風第19号に関する情報" and len(settings.evacuation_links) == 1
