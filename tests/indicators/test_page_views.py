"""Page views: counted once per display, never for robots or staff, and nothing identifying stored."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings

from indicators.fiscal import JST
from indicators.models import AccessLogPosition, PageViewDaily, WaterApplicationTally

pytestmark = pytest.mark.django_db


def beacon_url(page):
    return f"/pv/{page.pk}.gif"


def test_a_public_page_carries_the_beacon_and_its_display_counts_once(visitor, city_page):
    html = visitor.get(city_page.url).content.decode()
    assert f'<img src="{beacon_url(city_page)}" alt="" width="1" height="1" hidden data-live-only>' in html
    assert not PageViewDaily.objects.exists()  # the HTML itself (maybe cached) counts nothing

    visitor.get(beacon_url(city_page))

    row = PageViewDaily.objects.get()
    assert (row.page_id, row.path, row.count) == (city_page.pk, "/gomi/", 1)


def test_each_display_adds_one_to_the_same_daily_row(visitor, city_page):
    for _ in range(3):
        visitor.get(beacon_url(city_page))
    assert list(PageViewDaily.objects.values_list("count", flat=True)) == [3]


def test_the_beacon_sets_no_cookie_and_is_never_cached(visitor, city_page):
    response = visitor.get(beacon_url(city_page))
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "",
    ],
)
def test_a_robot_is_not_counted(visitor, city_page, user_agent):
    visitor.get(beacon_url(city_page), HTTP_USER_AGENT=user_agent)
    assert not PageViewDaily.objects.exists()


def test_signed_in_staff_are_not_counted(visitor, city_page, django_user_model):
    visitor.force_login(django_user_model.objects.create_superuser("admin", "a@example.jp", "pw"))
    visitor.get(city_page.url)
    visitor.get(beacon_url(city_page))
    visitor.get("/admin/")
    assert not PageViewDaily.objects.exists()


def test_a_preview_has_no_beacon(city_page):
    response = city_page.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "ごみの出し方" in html and "/pv/" not in html


def test_an_unknown_or_unpublished_page_is_not_counted(visitor, city_page):
    city_page.unpublish()
    visitor.get(beacon_url(city_page))
    visitor.get("/pv/999999.gif")
    assert not PageViewDaily.objects.exists()


def test_nothing_identifying_is_stored(visitor, city_page):
    address, agent = "203.0.113.77", visitor.defaults["HTTP_USER_AGENT"]
    visitor.cookies["a11y_text"] = "large"
    visitor.get(city_page.url, REMOTE_ADDR=address, HTTP_REFERER="https://example.com/from")
    visitor.get(beacon_url(city_page), REMOTE_ADDR=address, HTTP_REFERER="https://example.com/from")

    columns = {field.column for field in PageViewDaily._meta.concrete_fields}
    assert columns == {"id", "site_id", "page_id", "path", "date", "count"}
    for model in (PageViewDaily, WaterApplicationTally, AccessLogPosition):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            stored = repr(cursor.fetchall())
        assert address not in stored and "example.com" not in stored and agent not in stored


def test_the_day_is_the_day_in_japan(visitor, city_page):
    late_evening_utc = datetime.datetime(2026, 3, 31, 15, 30, tzinfo=datetime.UTC)  # 2026-04-01 00:30 JST
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        visitor.get(beacon_url(city_page))
    assert PageViewDaily.objects.get().date == datetime.date(2026, 4, 1)
    assert late_evening_utc.astimezone(JST).date() == datetime.date(2026, 4, 1)


def test_the_admin_carries_no_beacon_and_counts_nothing(visitor, city_page):
    html = visitor.get("/admin/login/").content.decode()
    assert 'name="password"' in html and "/pv/" not in html  # the sign-in form, without the image
    visitor.get("/admin/pages/")  # redirected to the login page
    assert not PageViewDaily.objects.exists()


def test_one_visitor_reloading_a_page_counts_at_most_ten_times_a_day(visitor, city_page):
    """Security II #5: 300 displays from one address moved the plan's indicator by 300."""
    for _ in range(300):
        visitor.get(beacon_url(city_page))
    assert PageViewDaily.objects.get().count == 10


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_allowance_is_each_visitors_own(visitor, city_page):
    for address in ("198.51.100.1", "198.51.100.2"):
        for _ in range(15):
            visitor.get(beacon_url(city_page), HTTP_X_FORWARDED_FOR=address)
    assert PageViewDaily.objects.get().count == 20
