"""Through Varnish (deploy/varnish/default.vcl): cached pages are answered without Django and dropped the
moment what they show changes."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from home.models import DisasterModeSettings, EmergencyNotice
from tests.tourism.factories import PeonyBloomReportFactory, TourismTopPageFactory, city_site

pytestmark = [pytest.mark.frontcache, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLISH_TO_LIVE_SECONDS = 1.0


@pytest.fixture
def site_ctx(transactional_db):
    # Transactional tests empty the tables afterwards; serialized_rollback brings back the root page.
    return city_site()


def cached(front, path, host="localhost", **kwargs):
    """GET twice; the second answer must come from the cache."""
    front.get(path, host=host, **kwargs)
    response = front.get(path, host=host, **kwargs)
    assert response.getheader("X-Cache") == "HIT", (
        path,
        response.status,
        response.getheader("Cache-Control"),
    )
    return response


def seconds_until_shown(front, path, text, started, host="localhost"):
    while True:
        response = front.get(path, host=host)
        elapsed = time.monotonic() - started
        if text in response.text:
            return elapsed
        if elapsed > PUBLISH_TO_LIVE_SECONDS:
            pytest.fail(f"{path}: 「{text}」が {elapsed:.2f} 秒たっても表示されません")
        time.sleep(0.02)


def test_published_change_is_live_through_the_cache_within_a_second(front, site_ctx):
    top = site_ctx.city_root
    guide = TourismTopPageFactory(parent=top, intro="<p>旧い案内文です。</p>")
    guide.save_revision().publish()
    assert "旧い案内文です。" in cached(front, "/kanko/").text

    guide.intro = "<p>新しい案内文です。</p>"
    guide.save_revision().publish()
    started = time.monotonic()  # the change is committed: from here the cache has one second
    assert seconds_until_shown(front, "/kanko/", "新しい案内文です。", started) <= PUBLISH_TO_LIVE_SECONDS


def test_unpublished_page_leaves_the_cache(front, site_ctx):
    guide = TourismTopPageFactory(parent=site_ctx.city_root)
    guide.save_revision().publish()
    assert cached(front, "/kanko/").status == 200
    guide.unpublish()
    assert front.get("/kanko/").status == 404


def test_disaster_mode_on_and_off_is_live_within_a_second(front, site_ctx):
    settings = DisasterModeSettings.for_site(site_ctx.city_site)
    assert "台風第19号に関する情報" not in cached(front, "/").text

    settings.is_active, settings.headline = True, "台風第19号に関する情報"
    settings.save()
    started = time.monotonic()
    assert seconds_until_shown(front, "/", "台風第19号に関する情報", started) <= PUBLISH_TO_LIVE_SECONDS
    assert "台風第19号に関する情報" in cached(front, "/en/").text  # every language gets the disaster top

    settings.is_active = False
    settings.save()
    started = time.monotonic()
    while "台風第19号に関する情報" in front.get("/").text:
        assert time.monotonic() - started <= PUBLISH_TO_LIVE_SECONDS, "災害モードの解除が反映されません"
        time.sleep(0.02)


def test_bloom_status_update_is_live_within_a_second(front, site_ctx):
    TourismTopPageFactory(parent=site_ctx.city_root).save_revision().publish()
    PeonyBloomReportFactory(status="starting", observed_on=datetime.date(2026, 4, 27))
    assert "bloom__label--starting" in cached(front, "/kanko/").text

    PeonyBloomReportFactory(status="full", observed_on=datetime.date(2026, 5, 4))
    started = time.monotonic()
    assert seconds_until_shown(front, "/kanko/", "bloom__label--full", started) <= PUBLISH_TO_LIVE_SECONDS


def test_emergency_notice_snippet_is_live_within_a_second(front, site_ctx):
    cached(front, "/")
    EmergencyNotice.objects.create(
        title="断水のお知らせ", body="<p>本町地区で断水しています。</p>", level="warning"
    )
    started = time.monotonic()
    assert seconds_until_shown(front, "/", "断水のお知らせ", started) <= PUBLISH_TO_LIVE_SECONDS


def test_visitor_tools_get_their_own_cached_variant(front, site_ctx):
    plain = cached(front, "/")
    large = cached(front, "/", cookies={"a11y_text": "large", "csrftoken": "x", "_ga": "y"})
    assert "a11y-text-large" in large.text
    assert "a11y-text-large" not in plain.text
    # The same preference with other cookies around it is the same variant, still a HIT.
    again = front.get("/", cookies={"_ga": "z", "a11y_text": "large"})
    assert again.getheader("X-Cache") == "HIT" and "a11y-text-large" in again.text


def test_signed_in_staff_are_never_served_from_the_cache(front, site_ctx):
    cached(front, "/")
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-2026")
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    for _ in range(2):
        response = front.get("/", cookies={"sessionid": session})
        assert response.getheader("X-Cache") == "MISS"
        assert "private" in response.getheader("Cache-Control")


def test_search_results_are_cached_for_a_minute_per_query(front, site_ctx):
    # A disaster surge repeats the same few questions; a minute's copy spares gunicorn and a
    # publish bans it, so residents never see a stale answer for long.
    first = front.get("/search/?q=%E7%B2%97%E5%A4%A7%E3%81%94%E3%81%BF")  # 粗大ごみ
    again = front.get("/search/?q=%E7%B2%97%E5%A4%A7%E3%81%94%E3%81%BF")
    other = front.get("/search/?q=%E6%B0%B4%E9%81%93")  # 水道
    assert first.getheader("X-Cache") == "MISS" and again.getheader("X-Cache") == "HIT"
    assert other.getheader("X-Cache") == "MISS"
    assert 'value="粗大ごみ"' in again.text and 'value="水道"' in other.text


def test_ban_without_a_site_is_refused(front, site_ctx):
    assert front.get("/", method="BAN").status == 405
