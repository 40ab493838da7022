"""年度 boundaries: 3月31日 belongs to the 年度 that ends, 4月1日 (JST midnight, not UTC) starts the next."""

import datetime
from unittest import mock

import pytest

from indicators.fiscal import fiscal_year_of, wareki_fiscal_year

REPORT = "/admin/reports/keikaku-shihyo/"
# 2027年3月31日 23:59 JST and 2027年4月1日 00:00 JST: both still 3月31日 in UTC.
LAST_MINUTE = datetime.datetime(2027, 3, 31, 14, 59, tzinfo=datetime.UTC)
FIRST_MINUTE = datetime.datetime(2027, 3, 31, 15, 0, tzinfo=datetime.UTC)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_fiscal_year_of_dates_either_side_of_the_boundary():
    assert fiscal_year_of(datetime.date(2027, 3, 31)) == 2026
    assert fiscal_year_of(datetime.date(2027, 4, 1)) == 2027


def test_the_fiscal_year_is_written_in_reiwa():
    assert wareki_fiscal_year(2019) == "令和元年度"
    assert wareki_fiscal_year(2020) == "令和2年度"
    assert wareki_fiscal_year(2026) == "令和8年度"
    assert wareki_fiscal_year(2018) == "2018年度"


@pytest.mark.django_db
def test_views_on_31_march_and_1_april_go_to_different_fiscal_years(visitor, city_page, member_of, client):
    beacon = f"/pv/{city_page.pk}.gif"
    with at(LAST_MINUTE):
        visitor.get(beacon)
        visitor.get(beacon)
    with at(FIRST_MINUTE):
        visitor.get(beacon)

    with at(FIRST_MINUTE):  # signed in at that moment: the session must not look expired
        client.force_login(member_of("秘書広報課"))
        ending = client.get(REPORT, {"year": 2026}).content.decode()
        starting = client.get(REPORT, {"year": 2027}).content.decode()

    # The monthly table runs 4月 … 3月: 令和8年度 ends with 2 views in March, 令和9年度 starts with 1 in April.
    assert "令和8年度の値</dt><dd><span class=\"ind-value\">2件</span>" in ending
    assert "<td>0</td><td>2</td></tr>" in ending.split("<caption>9-3 月別の値（令和8年度）</caption>", 1)[1]
    assert "令和9年度の値</dt><dd><span class=\"ind-value\">1件</span>" in starting
    assert "<tbody><tr><td>1</td>" in starting.split("<caption>9-3 月別の値（令和9年度）</caption>", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(("moment", "label"), [(LAST_MINUTE, "令和8年度"), (FIRST_MINUTE, "令和9年度")])
def test_the_report_opens_on_the_fiscal_year_of_today_in_japan(client, member_of, moment, label):
    with at(moment):
        client.force_login(member_of("秘書広報課"))
        html = client.get(REPORT).content.decode()
    assert f"<title>計画の指標（{label}）" in html
    assert f"{label}の値" in html
