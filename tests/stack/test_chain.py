"""Through the front of the `make serve` chain, as a visitor, an editor and an attacker see it."""

import re
import time
import uuid

import pytest

from tests.stack.conftest import STAFF, STAFF_PASSWORD

pytestmark = pytest.mark.stack

LIVE_WITHIN_SECONDS = 1.0
DEAD_APP_SERVER_SECONDS = 5 * 60


def cached(visitor, path, **kwargs):
    """GET until the answer comes from the page cache (at most a few tries)."""
    for _ in range(5):
        response = visitor.get(path, **kwargs)
        if response.header("X-Cache") == "HIT":
            return response
    pytest.fail(f"{path} がキャッシュされません ({response.status}, {response.header('Cache-Control')})")


def seconds_until(visitor, path, shown, started):
    """Seconds from `started` until `shown(page text)` is true through the front."""
    while True:
        response = visitor.get(path)
        elapsed = time.monotonic() - started
        if response.status == 200 and shown(response.text):
            return elapsed
        if elapsed > LIVE_WITHIN_SECONDS:
            pytest.fail(f"{path}: {elapsed:.2f} 秒たっても変更が表示されません")
        time.sleep(0.02)


def test_failed_logins_lock_out_only_the_visitor_who_made_them(visitor):
    attacker = visitor("127.0.0.2")
    statuses = [attacker.log_in(f"nobody{number}", "wrong-password").status for number in range(5)]
    # The form again, with its error, four times; the fifth failure locks this visitor out.
    assert statuses == [200, 200, 200, 200, 429]
    # Staff signing in from their own desks are not locked out by someone else's failures …
    for address, username in zip(["127.0.0.3", "127.0.0.4"], STAFF[:2], strict=True):
        response = visitor(address).log_in(username, STAFF_PASSWORD)
        assert response.status == 302 and response.header("Location") == "/admin/", (
            username,
            response.status,
        )
    # … while the visitor who failed five times is, even with a correct password.
    assert attacker.log_in(STAFF[2], STAFF_PASSWORD).status == 429


def test_forged_x_forwarded_for_is_ignored(visitor):
    locked = visitor("127.0.0.5")
    for number in range(5):
        # Each failure claims to come from somewhere else: it still counts for 127.0.0.5.
        forged = {"X-Forwarded-For": f"203.0.113.{number + 1}", "X-Real-IP": f"198.51.100.{number + 1}"}
        page = locked.get("/admin/login/", headers=forged)
        locked.post_form(
            "/admin/login/",
            {"csrfmiddlewaretoken": locked.csrf_token(page.text), "username": f"intruder{number}",
             "password": "wrong-password"},
            headers=forged,
        )  # fmt: skip
    assert locked.log_in(STAFF[2], STAFF_PASSWORD).status == 429
    # Claiming the locked-out address does not lock out someone else either.
    other = visitor("127.0.0.6")
    page = other.get("/admin/login/", headers={"X-Forwarded-For": "127.0.0.5"})
    response = other.post_form(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": other.csrf_token(page.text),
            "username": STAFF[2],
            "password": STAFF_PASSWORD,
        },
        headers={"X-Forwarded-For": "127.0.0.5"},
    )
    assert response.status == 302


def test_application_form_rate_limit_counts_each_visitor_alone(visitor):
    def confirm(person):
        page = person.get("/apply/", host="water.localhost")
        assert page.status == 200, page.status
        return person.post_form(
            "/apply/", {"csrfmiddlewaretoken": person.csrf_token(page.text), "action": "confirm"},
            host="water.localhost",
        )  # fmt: skip

    busy = visitor("127.0.0.7", host="water.localhost")
    for _ in range(10):
        assert confirm(busy).status != 429
    assert confirm(busy).status == 429
    assert confirm(visitor("127.0.0.8", host="water.localhost")).status == 200


def test_ban_and_purge_from_a_visitor_are_refused(visitor, stack):
    resident = visitor("127.0.0.9")
    cached(resident, "/")
    assert resident.request("BAN", "/", headers={"X-Ban-Site": "*"}).status == 405
    assert resident.request("PURGE", "/").status == 405
    # Straight to Varnish's visitors' listener (what the front forwards to) is refused as well.
    assert resident.request("BAN", "/", headers={"X-Ban-Site": "*"}, port=stack.varnish_port).status == 405
    assert resident.get("/").header("X-Cache") == "HIT"


def test_published_change_is_live_through_the_chain_within_a_second(visitor, bans_to_stack, db_access):
    from wagtail.models import Page, Site

    resident = visitor("127.0.0.10")
    page = Page.objects.child_of(Site.objects.get(is_default_site=True).root_page).live().first().specific
    path = page.url_path[len(page.get_site().root_page.url_path) - 1 :]
    cached(resident, path)
    new_title = f"{page.title}（{uuid.uuid4().hex[:6]}）"
    page.title = new_title
    page.save_revision().publish()
    started = time.monotonic()
    assert seconds_until(resident, path, lambda text: new_title in text, started) <= LIVE_WITHIN_SECONDS


def test_disaster_mode_on_and_off_is_live_within_a_second(visitor, bans_to_stack, db_access):
    from wagtail.models import Site

    from home.models import DisasterModeSettings

    resident = visitor("127.0.0.11")
    headline = "台風第19号に関する情報（試験）"
    cached(resident, "/")
    disaster = DisasterModeSettings.for_site(Site.objects.get(is_default_site=True))
    disaster.is_active, disaster.headline = True, headline
    disaster.save()
    started = time.monotonic()
    assert seconds_until(resident, "/", lambda text: headline in text, started) <= LIVE_WITHIN_SECONDS
    disaster.is_active = False
    disaster.save()
    started = time.monotonic()
    assert seconds_until(resident, "/", lambda text: headline not in text, started) <= LIVE_WITHIN_SECONDS


def test_search_results_are_cached_per_normalised_query(visitor):
    resident = visitor("127.0.0.12")
    first = resident.get("/search/?q=%E3%81%94%E3%81%BF+%E5%87%BA%E3%81%97%E6%96%B9")  # ごみ 出し方
    assert first.status == 200 and "ごみ" in first.text
    # Other spellings of the same query: full-width space, doubled space, a tracking tag.
    same = resident.get(
        "/search/?utm_source=koho&q=%E3%81%94%E3%81%BF%E3%80%80%20%E5%87%BA%E3%81%97%E6%96%B9"
    )
    assert same.header("X-Cache") == "HIT"
    assert same.text == first.text


def test_static_and_media_are_served_from_a_0700_directory(visitor, stack):
    resident = visitor("127.0.0.13")
    assert stack.home.stat().st_mode & 0o777 == 0o700
    home = resident.get("/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    assert resident.get(stylesheet).status == 200
    media = resident.get("/media/documents/gomi-calendar.txt")
    assert media.status == 200 and "ごみ収集カレンダー" in media.text


def test_admin_login_works_on_a_port_other_than_80(visitor, stack):
    assert stack.port != 80
    editor = visitor("127.0.0.14")
    response = editor.log_in(STAFF[0], STAFF_PASSWORD)
    assert response.status == 302 and response.header("Location") == "/admin/"
    dashboard = editor.get("/admin/")
    assert dashboard.status == 200 and "ダッシュボード" in dashboard.text


@pytest.mark.kills_gunicorn
def test_with_gunicorn_killed_cached_pages_stay_up_and_others_answer_in_japanese(visitor, stack):
    resident = visitor("127.0.0.15")
    pages = ["/", "/kurashi/gomi/", "/faq/"]
    for path in pages:
        cached(resident, path)
    assert resident.get("/emergency/").status == 200

    stack.kill("gunicorn")
    time.sleep(DEAD_APP_SERVER_SECONDS)

    for path in pages:
        assert resident.get(path).status == 200, path
    missing = resident.get(f"/kurashi/{uuid.uuid4().hex}/")
    assert missing.status == 503
    assert "ただいま表示できません" in missing.text and 'href="/emergency/"' in missing.text
    copy = resident.get("/emergency/")
    assert copy.status == 200 and "緊急" in copy.text
