"""The admin report 「計画の指標」: who sees what, the figures, the chart and the exports."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from indicators.measures import compute
from indicators.models import PageViewDaily, WaterApplicationTally

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/keikaku-shihyo/"


@pytest.fixture()
def figures(city_home, water_home):
    city, water = (site for site in city_home.sites_rooted_here.all()), water_home.sites_rooted_here.get()
    city = next(city)
    PageViewDaily.objects.create(site=city, page=city_home, path="/", date=datetime.date(2026, 4, 3), count=1200)
    PageViewDaily.objects.create(site=city, page=None, path="/search/", date=datetime.date(2026, 5, 3), count=34)
    PageViewDaily.objects.create(site=water, page=water_home, path="/", date=datetime.date(2026, 5, 3), count=56)
    PageViewDaily.objects.create(site=water, page=water_home, path="/", date=datetime.date(2026, 3, 31), count=999)
    WaterApplicationTally.objects.create(date=datetime.date(2026, 4, 2), kind="start", channel="phone", count=9)


def test_the_report_shows_every_indicator_to_the_publicity_division(client, member_of, figures):
    client.force_login(member_of("秘書広報課"))
    html = client.get(REPORT, {"year": 2026}).content.decode()
    for text in (
        "令和8年度",
        "9-3 ホームページの充実",
        "350万件／年",
        "400万件／年",
        "1,234件",
        "5-4 水道事業ホームページの開設",
        "56件",
        "5-3 水道 web 受付手続きの導入",
        "0.0％（0件／9件）",
        "8-2 観光客の受け入れ環境の整備",
        "9-2 ICT-BCP の適正な運用",
    ):
        assert text in html, text
    assert '<svg class="ind-chart"' in html and 'role="img"' in html
    assert "<caption>9-3 月別の値（令和8年度）</caption>" in html
    assert "http://" not in html.split('<svg class="ind-chart"', 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )


def test_an_unrelated_editor_is_refused(client, member_of, figures):
    client.force_login(member_of("各課編集者"))
    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(REPORT, {"export": "csv"}).status_code in (302, 403)


def test_the_water_division_sees_only_its_own_measures(client, member_of, figures):
    client.force_login(member_of("経営課"))
    html = client.get(REPORT, {"year": 2026}).content.decode()
    assert "5-3 水道 web 受付手続きの導入" in html and "5-4 水道事業ホームページの開設" in html
    assert "9-3 ホームページの充実" not in html and "8-2 観光客" not in html


def test_the_tourism_division_sees_the_guide_languages(client, member_of, figures):
    client.force_login(member_of("観光交流課"))
    html = client.get(REPORT).content.decode()
    assert "8-2 観光客の受け入れ環境の整備" in html and "5-3 水道" not in html


def test_computing_all_indicators_takes_a_fixed_number_of_queries(figures, django_assert_num_queries):
    # sites of the water utility, page views, online applications, tallies, locale, spots, events
    # (no guide here, so no query of translations), drills when the bcp app is installed, LINE
    # follower counts when the linepush app is
    from django.apps import apps

    expected = 7 + (1 if apps.is_installed("bcp") else 0) + (1 if apps.is_installed("linepush") else 0)
    with django_assert_num_queries(expected):
        compute(2026)


def test_the_report_page_query_count_does_not_grow_with_the_data(client, member_of, figures, django_assert_max_num_queries):
    client.force_login(member_of("秘書広報課"))
    with django_assert_max_num_queries(30):
        client.get(REPORT, {"year": 2026})


def test_csv_export_has_a_bom_and_the_yearly_figures(client, member_of, figures):
    client.force_login(member_of("秘書広報課"))
    response = client.get(REPORT, {"year": 2026, "export": "csv"})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:5] == ["施策", "施策名", "指標", "担当", "年度"]
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["9-3"][4] == "令和8年度" and by_number["9-3"][7] == "1234"
    assert by_number["9-3"][9:11] == ["1200", "34"]
    assert by_number["5-4"][7] == "56"


def test_exports_neutralise_formulas():
    from indicators.export import neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("-1") == "'-1" and neutralise(5) == 5 and neutralise("ホーム") == "ホーム"


def test_xlsx_export_opens_with_numbers_as_numbers(client, member_of, figures):
    client.force_login(member_of("秘書広報課"))
    response = client.get(REPORT, {"year": 2026, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "令和8年度"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["9-3"][7] == 1234
    assert all(not (isinstance(cell, str) and cell.startswith("=")) for row in rows.values() for cell in row)


def test_without_a_translated_guide_no_foreign_language_counts(figures):
    (result,) = compute(2026, ["8-2"])
    assert result.value_text == "0か国語"


def test_months_not_yet_begun_have_no_value_instead_of_zero(client, member_of, figures):
    from indicators.fiscal import jst_date

    today = jst_date()
    next_fiscal_year = (today.year if today.month >= 4 else today.year - 1) + 1
    results = {result.measure.number: result for result in compute(next_fiscal_year, ["9-3", "5-3"])}
    assert all(value is None for _y, _m, value in results["9-3"].months)
    assert all(value is None for _y, _m, value in results["5-3"].months)
    client.force_login(member_of("秘書広報課"))
    html = client.get(REPORT, {"year": next_fiscal_year}).content.decode()
    assert "<td>0％</td>" not in html and "<td>0</td>" not in html
    assert 'aria-label="値なし"' in html
