"""Findings 2, 6 and 12: brute force on the two admin logins, client addresses behind the proxy,
the shared rate-limit cache check, and staff session lifetimes."""

import time

import pytest
from django.apps import apps
from django.core import checks
from django.test import RequestFactory, override_settings

from cms.security.client_ip import client_ip
from cms.security.sessions import LAST_ACTIVITY, SIGNED_IN_AT

pytestmark = pytest.mark.django_db

LOGINS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture()
def staff(django_user_model):
    return django_user_model.objects.create_superuser("kouhou", "kouhou@city.sukagawa.example", "correct-pw")


def attempt(client, url, password, username="kouhou", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("url", LOGINS)
def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff, url):
    for n in range(30):
        attempt(client, url, f"wrong-{n}")
    response = attempt(client, url, "correct-pw")
    assert response.status_code == 429
    assert "ログインを一時的に停止しています" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGINS)
def test_a_few_mistakes_still_allow_the_right_password(client, staff, url):
    for n in range(3):
        attempt(client, url, f"wrong-{n}")
    response = attempt(client, url, "correct-pw")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_one_address_trying_many_user_names_is_locked_out(client, staff):
    for n in range(10):
        attempt(client, "/admin/login/", "guess", username=f"user{n}")
    assert attempt(client, "/admin/login/", "correct-pw").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_failures_from_other_addresses_do_not_lock_the_user_out(client, staff):
    """Security II #7: anyone could lock 「admin」 out for 30 minutes with five wrong passwords."""
    for n in range(10):
        attempt(client, "/admin/login/", "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = attempt(client, "/admin/login/", "correct-pw", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_each_guessing_address_is_stopped_after_five_failures(client, staff):
    for n in range(3):
        for _ in range(5):
            attempt(client, "/admin/login/", "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        locked = attempt(client, "/admin/login/", "correct-pw", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        assert locked.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_resident_has_their_own_address():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    two = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert client_ip(one) == "198.51.100.1" and client_ip(two) == "198.51.100.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_for_entry_is_not_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_without_a_proxy_setting_the_socket_address_counts():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "198.51.100.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_faq_feedback_limit_is_per_resident_behind_the_proxy(rf):
    from django_ratelimit.core import is_ratelimited

    def limited(address):
        request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)
        return is_ratelimited(request, group="t", key="ip", rate="2/h", method="POST", increment=True)

    assert [limited("198.51.100.1") for _ in range(3)] == [False, False, True]
    assert limited("198.51.100.2") is False


def test_ratelimit_app_is_installed_and_refuses_an_unshared_cache():
    assert apps.is_installed("django_ratelimit")
    with override_settings(
        SILENCED_SYSTEM_CHECKS=[],
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ):
        ids = {message.id for message in checks.run_checks(tags=[checks.Tags.caches])}
    assert "django_ratelimit.E003" in ids


def _signed_in(client, staff, idle_seconds=0, since_seconds=0):
    client.force_login(staff)
    session = client.session
    now = int(time.time())
    session[LAST_ACTIVITY] = now - idle_seconds
    session[SIGNED_IN_AT] = now - since_seconds
    session.save()


def test_staff_session_ends_after_thirty_idle_minutes(client, staff):
    _signed_in(client, staff, idle_seconds=31 * 60)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_staff_session_continues_while_working(client, staff):
    _signed_in(client, staff, idle_seconds=20 * 60, since_seconds=3 * 3600)
    assert client.get("/admin/").status_code == 200


def test_staff_session_has_an_absolute_limit(client, staff):
    _signed_in(client, staff, idle_seconds=60, since_seconds=11 * 3600)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@override_settings(STAFF_SESSION_IDLE_TIMEOUT=5 * 60)
def test_idle_timeout_is_configurable(client, staff):
    _signed_in(client, staff, idle_seconds=6 * 60)
    assert client.get("/admin/").status_code == 302


def test_the_page_editors_ping_is_not_activity(client, staff, django_user_model):
    """Security II #4: an open editor pings every 10 s; that alone must not keep the session alive."""
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    _signed_in(client, staff, idle_seconds=29 * 60)
    idle_since = client.session[LAST_ACTIVITY]
    for _ in range(3):
        client.post(f"/admin/editing-sessions/ping/wagtailcore/page/{page.pk}/1/")
    assert client.session[LAST_ACTIVITY] == idle_since
    client.get("/admin/")  # a click of the editor's own is activity
    assert client.session[LAST_ACTIVITY] > idle_since
