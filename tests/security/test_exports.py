"""Finding 1: spreadsheet formulas in staff and public CSV exports (OWASP "CSV injection").

Every CSV the CMS writes goes through cms.security.spreadsheets: a cell that a spreadsheet would read
as a formula (= + - @ TAB CR first, also after leading spaces) is prefixed with ' and kept otherwise.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.security.spreadsheets import neutralise
from tests.faq.factories import FAQPageFactory, faq_index
from tests.water.factories import (
    WaterApplicationFactory,
    WaterQualityPageFactory,
    WaterQualityResultFactory,
    WaterQualitySamplingPointFactory,
)
from water.permissions import ensure_staff_group

ATTACKS = [
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u3000=1+1",
]


def _csv_cells(body):
    return [cell for row in csv.reader(io.StringIO(body)) for cell in row]


def _dangerous(cell):
    return cell.lstrip(" \u3000")[:1] in {"=", "+", "-", "@", "\t", "\r"}


def _body(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith("\ufeff".encode()), "CSV for Excel starts with a UTF-8 BOM"
    return raw.decode("utf-8-sig")


@pytest.mark.parametrize("attack", ATTACKS)
def test_neutralise_defuses_formula_cells(attack):
    assert neutralise(attack).startswith("'")


@pytest.mark.parametrize(
    "value", ["須賀川市八幡町135", "0248-75-1111", "-1.5", "3", "", "メーターは玄関の左"]
)
def test_neutralise_keeps_ordinary_values(value):
    assert neutralise(value) == value


@pytest.fixture()
def keiei_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="keiei", password="pw")
    user.groups.set([ensure_staff_group()])
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_water_application_export_has_no_live_formula(keiei_client):
    WaterApplicationFactory(
        address=ATTACKS[0], name="+SUM(1,2)", note="@SUM(A1)", forwarding_address="\t=1+1"
    )
    body = _body(keiei_client.get(reverse("water_applications:index"), {"export": "csv"}))
    assert "HYPERLINK(" in body
    assert not [cell for cell in _csv_cells(body) if _dangerous(cell)]


@pytest.mark.django_db
def test_water_application_export_gives_jst_times_without_microseconds(keiei_client):
    received = datetime.datetime(2026, 11, 24, 0, 30, 15, 123456, tzinfo=datetime.UTC)
    WaterApplicationFactory(received_at=received)
    body = _body(keiei_client.get(reverse("water_applications:index"), {"export": "csv"}))
    assert "2026-11-24 09:30:15" in body
    assert ".123456" not in body and "+00:00" not in body


@pytest.mark.django_db
def test_search_report_export_has_no_live_formula(client, admin_user):
    from search.models import SearchQueryStat

    SearchQueryStat.objects.create(
        query='=HYPERLINK("http://evil.example","x")',
        date=timezone.localdate(),
        searches=5,
        zero_result_searches=5,
    )
    client.force_login(admin_user)
    for name in ("popular", "zero-results"):
        response = client.get(f"/admin/reports/search-{name}/", {"export": "csv"})
        body = _body(response)
        assert "HYPERLINK" in body
        assert not [cell for cell in _csv_cells(body) if _dangerous(cell)]


@pytest.mark.django_db
def test_faq_export_has_no_live_formula_and_reimports_unchanged(tmp_path):
    from django.core.management import call_command

    index = faq_index()
    FAQPageFactory(parent=index, title="=1+1 は何ですか", import_id="f-1", keywords="-割引|@窓口")
    target = tmp_path / "faq.csv"
    site_root = Page.objects.get(pk=index.get_parent().pk)
    from wagtail.models import Site

    site = Site.objects.get(root_page=site_root)
    call_command("export_faq", str(target), "--index", index.slug, "--site", site.hostname)
    body = target.read_bytes().decode("utf-8-sig")
    assert not [cell for cell in _csv_cells(body) if _dangerous(cell)]
    out = io.StringIO()
    call_command("import_faq", str(target), "--index", index.slug, "--site", site.hostname, stdout=out)
    assert "変更なし 1 件" in out.getvalue()
    page = index.get_children().specific().get()
    assert page.title == "=1+1 は何ですか"


@pytest.mark.django_db
def test_public_water_quality_csv_has_no_live_formula(client):
    from tests.water.conftest import WATER_HOST
    from tests.water.factories import WaterHomePageFactory

    root = WaterHomePageFactory(parent=Page.get_first_root_node())
    from wagtail.models import Site

    Site.objects.create(hostname=WATER_HOST, port=80, root_page=root, site_name="水道")
    page = WaterQualityPageFactory(parent=root)
    WaterQualityResultFactory(sampling_point=WaterQualitySamplingPointFactory(name="=HYPERLINK(1)"))
    response = client.get(page.url + "csv/", HTTP_HOST=WATER_HOST)
    assert response.status_code == 200
    body = _body(response)
    assert "HYPERLINK" in body
    assert not [cell for cell in _csv_cells(body) if _dangerous(cell)]
