"""Saving a page in the admin: errors block publishing for 各課編集者, not for 秘書広報課; warnings never
block; saving a draft never blocks."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.a11y.models import AccessibilityPolicyPage
from tests.a11y.factories import policy_page

pytestmark = pytest.mark.django_db


def editor(django_user_model, group_name):
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(username=f"user-{group_name}", password="x")
    user.groups.add(group)
    return user


def form_data(page, body=(), intro="<p>市のホームページの方針です。</p>", action="action-publish"):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(intro),
            "scope": rich_text("<p>全てのページを対象とします。</p>"),
            "standard": "JIS X 8341-3:2016",
            "target_level": "AA準拠",
            "target_deadline": "2027-03-31",
            "exceptions": rich_text(""),
            "body": streamfield(list(body)),
        }
    )
    if action:
        data[action] = "1"
    return data


@pytest.fixture()
def page():
    return policy_page()


def post(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=False)


def test_division_editor_cannot_publish_with_an_error(client, django_user_model, page):
    user = editor(django_user_model, "各課編集者")
    response = post(client, user, page, form_data(page, intro="<p>手続き①を済ませてください。</p>"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "機種依存文字「①」" in html
    page.refresh_from_db()
    assert "①" not in page.intro


def test_error_in_a_block_is_shown_on_that_block(client, django_user_model, page):
    user = editor(django_user_model, "各課編集者")
    body = [("paragraph", rich_text('<p><a href="/kurashi/">こちら</a></p>'))]
    response = post(client, user, page, form_data(page, body=body))
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    assert any("リンク先が分からないリンク文字「こちら」" in m for m in error.block_errors[0].messages)
    assert not AccessibilityPolicyPage.objects.get(pk=page.pk).body


def test_division_editor_can_save_a_draft_with_an_error(client, django_user_model, page):
    user = editor(django_user_model, "各課編集者")
    response = post(client, user, page, form_data(page, intro="<p>手続き①</p>", action=None))
    assert response.status_code == 302
    page.refresh_from_db()
    assert "①" in page.get_latest_revision_as_object().intro
    assert "①" not in page.intro  # the live page is unchanged: nothing was published


def test_public_relations_can_publish_despite_errors(client, django_user_model, page):
    user = editor(django_user_model, "秘書広報課")
    response = post(client, user, page, form_data(page, intro="<p>手続き①</p>"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert "①" in page.intro
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("秘書広報課の権限" in m and "①" in m for m in messages)


def test_publishing_despite_errors_is_logged_on_the_page(client, django_user_model, page):
    from wagtail.models import PageLogEntry

    user = editor(django_user_model, "秘書広報課")
    post(client, user, page, form_data(page, intro="<p>手続き①</p>"))
    entry = PageLogEntry.objects.get(page=page, action="a11y.publish_with_errors")
    assert entry.user == user
    assert "①" in entry.data["problems"][0]


def test_warnings_never_block_publishing(client, django_user_model, page):
    user = editor(django_user_model, "各課編集者")
    response = post(client, user, page, form_data(page, intro="<p>ＦＡＸでお送りください。</p>"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert "ＦＡＸ" in page.intro
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("全角英数字「ＦＡＸ」" in m for m in messages)
