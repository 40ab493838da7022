"""Django's error pages (400, 403, the CSRF refusal) in Japanese, not Django's English defaults."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_a_bad_request_is_explained_in_japanese(client, settings):
    settings.ALLOWED_HOSTS = ["city.test"]
    response = client.get("/admin/login/", HTTP_HOST="unknown.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "送信された内容を処理できませんでした" in page and "再読み込み" in page
    assert "Bad Request" not in page


@pytest.mark.parametrize("path, back", [("/admin/reports/", 'href="/admin/"'), ("/kurashi/", 'href="/"')])
def test_a_refusal_is_explained_in_japanese(rf, path, back):
    # Wagtail's admin views turn a refusal into a redirect with a message; a view outside them that
    # raises PermissionDenied gets Django's handler403, i.e. this page.
    response = permission_denied(rf.get(path), PermissionDenied())
    assert response.status_code == 403
    page = response.content.decode()
    assert "このページを表示する権限がありません" in page and back in page
    assert "Forbidden" not in page


def test_a_form_sent_without_its_security_token_is_refused_in_japanese():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "送信を受け付けられませんでした" in page and "入力した内容を控えて" in page
    assert "CSRF verification failed" not in page
