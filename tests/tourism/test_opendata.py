"""Open data CSVs: exact headers, rows from published pages, English columns from translations."""

import csv
import io

from wagtail.models import Locale

from tests.tourism.factories import SpotPageFactory
from tourism.opendata import EVENT_COLUMNS, SPOT_COLUMNS

SPOT_HEADER = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_英語,POIコード,住所,方書,"
    "緯度,経度,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,料金（基本）,料金（詳細）,説明,説明_英語,"
    "アクセス方法,駐車場情報,バリアフリー情報,連絡先名称,連絡先電話番号,連絡先内線番号,画像,画像_ライセンス,URL,備考"
)
EVENT_HEADER = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,イベント名_英語,開始日,"
    "終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),料金(詳細),連絡先名称,連絡先電話番号,"
    "連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,駐車場情報,定員,参加申込終了日,"
    "参加申込終了時間,参加申込方法,URL,備考"
)


def _rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_spot_csv_has_exactly_the_standard_header(client, guide, city_host):
    response = client.get("/opendata/kanko.csv", HTTP_HOST=city_host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    assert ",".join(rows[0]) == SPOT_HEADER
    assert len(SPOT_COLUMNS) == 30


def test_event_csv_has_exactly_the_standard_header(client, guide, city_host):
    rows = _rows(client.get("/opendata/event.csv", HTTP_HOST=city_host))
    assert ",".join(rows[0]) == EVENT_HEADER
    assert len(EVENT_COLUMNS) == 32


def test_spot_row_holds_japanese_values_and_english_from_the_translation(client, guide, city_host):
    rows = _rows(client.get("/opendata/kanko.csv", HTTP_HOST=city_host))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert len(rows) == 2  # one spot, Japanese only: translations are not extra rows
    assert row["都道府県コード又は市区町村コード"] == "072079"
    assert row["都道府県名"] == "福島県"
    assert row["名称"] == "須賀川牡丹園"
    assert row["名称_英語"] == "Sukagawa Peony Garden"
    assert row["説明_英語"] == "A peony garden of national scenic beauty."
    assert row["緯度"] == "37.286400"
    assert row["料金（基本）"] == "1000"
    assert row["URL"] == "http://localhost/kanko/spots/botanen/"


def test_english_columns_are_empty_without_an_english_translation(client, guide, city_host):
    guide["spot"].get_translation(Locale.objects.get(language_code="en")).unpublish()
    SpotPageFactory(parent=guide["spot_index"], title="乙字ケ滝", slug="otsuji")
    rows = _rows(client.get("/opendata/kanko.csv", HTTP_HOST=city_host))
    by_name = {row[4]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name["乙字ケ滝"]["名称_英語"] == ""
    assert by_name["須賀川牡丹園"]["名称_英語"] == ""  # unpublished translation is not used


def test_event_row_takes_venue_from_the_spot(client, guide, city_host):
    rows = _rows(client.get("/opendata/event.csv", HTTP_HOST=city_host))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["イベント名"] == "牡丹焚火"
    assert row["イベント名_英語"] == "Peony bonfire"
    assert row["場所名称"] == "須賀川牡丹園"
    assert row["住所"] == "福島県須賀川市八幡町135"
    assert row["開始日"] == guide["event"].start_date.strftime("%Y-%m-%d")


def test_unpublished_pages_are_not_exported(client, guide, city_host):
    guide["spot"].unpublish()
    rows = _rows(client.get("/opendata/kanko.csv", HTTP_HOST=city_host))
    assert len(rows) == 1


def test_unknown_dataset_is_404(client, guide, city_host):
    assert client.get("/opendata/nothing.csv", HTTP_HOST=city_host).status_code == 404


def test_open_data_page_links_files_with_licence_and_last_update(client, guide, city_host):
    from tests.tourism.factories import OpenDataPageFactory

    OpenDataPageFactory(parent=guide["root"])
    html = client.get("/opendata/", HTTP_HOST=city_host).content.decode()
    assert 'href="/opendata/kanko.csv"' in html
    assert 'href="/opendata/event.csv"' in html
    assert "CC BY 4.0" in html
    assert "最終更新日" in html
    assert "<time datetime=" in html
