"""Top page, 断水・濁水・工事のお知らせ (status from the clock, filter, RSS), 水質, Japanese only."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from faq.models import FAQIndexPage, FAQPage
from tests.water.factories import (
    WaterOutageNoticeIndexPageFactory,
    WaterOutageNoticePageFactory,
    WaterQualityItemFactory,
    WaterQualityPageFactory,
    WaterQualityResultFactory,
    WaterQualitySamplingPointFactory,
)
from water.models import WaterOutageNoticePage, WaterQualityResult


@pytest.fixture()
def notices(water_root):
    index = WaterOutageNoticeIndexPageFactory(parent=water_root)
    now = timezone.now()
    return {
        "index": index,
        "active": WaterOutageNoticePageFactory(
            parent=index,
            title="実施中の工事",
            starts_at=now - timedelta(hours=2),
            ends_at=now + timedelta(hours=2),
        ),
        "planned": WaterOutageNoticePageFactory(
            parent=index,
            title="来週の断水",
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=6),
        ),
        "ended": WaterOutageNoticePageFactory(
            parent=index,
            title="先月の漏水修繕",
            starts_at=now - timedelta(days=30),
            ends_at=now - timedelta(days=29),
        ),
    }


def test_status_follows_the_clock(notices):
    notice = notices["planned"]
    assert notice.status() == "planned"
    assert notice.status(notice.starts_at) == "active"
    assert notice.status(notice.ends_at) == "ended"


def test_queryset_status_filters_agree_with_the_page_status(notices):
    qs = WaterOutageNoticePage.objects.all()
    assert [n.title for n in qs.active()] == ["実施中の工事"]
    assert [n.title for n in qs.planned()] == ["来週の断水"]
    assert [n.title for n in qs.ended()] == ["先月の漏水修繕"]


def test_end_must_be_after_start(notices):
    notice = notices["active"]
    notice.ends_at = notice.starts_at
    with pytest.raises(Exception, match="終了日時は開始日時より後"):
        notice.full_clean()


def test_top_page_lists_current_notices_active_first_and_drops_ended_ones(water_client, notices):
    html = water_client.get("/").content.decode()
    assert html.index("実施中の工事") < html.index("来週の断水")
    assert "先月の漏水修繕" not in html


def test_listing_filters_by_status(water_client, notices):
    html = water_client.get("/dansui/?status=ended").content.decode()
    assert "先月の漏水修繕" in html and "実施中の工事" not in html
    html = water_client.get("/dansui/").content.decode()
    assert all(title in html for title in ["先月の漏水修繕", "実施中の工事", "来週の断水"])
    assert water_client.get("/dansui/?status=%00bogus").status_code == 200


def test_status_is_written_in_words(water_client, notices):
    html = water_client.get("/dansui/").content.decode()
    assert "実施中</span>" in html and "予定</span>" in html and "終了</span>" in html


def test_rss_feed(water_client, notices):
    response = water_client.get("/dansui/rss/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "【実施中】実施中の工事" in body and "【予定】来週の断水" in body and "地区：大町の一部" in body


def test_top_page_faqs_with_a_fixed_number_of_queries(water_client, water_root):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    faq_index = water_root.add_child(instance=FAQIndexPage(title="よくある質問", slug="faq"))
    for n in range(3):
        faq_index.add_child(instance=FAQPage(title=f"水道の質問{n}", slug=f"q{n}", answer=[]))
    # The city's FAQs are not listed on the water site.
    other_root = Page.get_first_root_node().add_child(instance=Page(title="市", slug="city"))
    other_root.add_child(instance=FAQPage(title="市の質問", slug="city-q", answer=[]))
    water_client.get("/")  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        html = water_client.get("/").content.decode()
    assert "水道の質問0" in html and "水道の質問2" in html and "市の質問" not in html
    for n in range(3, 12):
        faq_index.add_child(instance=FAQPage(title=f"水道の質問{n}", slug=f"q{n}", answer=[]))
    with CaptureQueriesContext(connection) as many:
        html = water_client.get("/").content.decode()
    assert "水道の質問9" in html
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_emergency_contact_on_top_page(water_client, water_root):
    html = water_client.get("/").content.decode()
    assert "漏水・故障の連絡先（24時間受付）" in html and "0248-88-9157" in html


@pytest.mark.parametrize("path", ["/en/", "/en/apply/", "/zh-hans/dansui/", "/ko/", "/zh-hant/faq/"])
def test_language_prefix_on_the_water_host_is_a_404(water_client, apply_page, path):
    response = water_client.get(path)
    assert response.status_code == 404
    assert '<html lang="ja">' in response.content.decode()


def test_japanese_pages_still_work(water_client, apply_page):
    assert water_client.get("/apply/").status_code == 200


# --- 水質 ---------------------------------------------------------------------------------------------


@pytest.fixture()
def quality(water_root):
    page = WaterQualityPageFactory(parent=water_root)
    month = date(2026, 10, 1)
    point = WaterQualitySamplingPointFactory(name="須賀川市役所（給水栓）", sort_order=1)
    turbidity = WaterQualityItemFactory(
        name="濁度", unit="度", standard_text="2以下", standard_max=Decimal("2")
    )
    chlorine = WaterQualityItemFactory(
        name="残留塩素", unit="mg/L", standard_text="0.1以上", standard_min=Decimal("0.1"), standard_max=None
    )
    coli = WaterQualityItemFactory(
        name="大腸菌", unit="", standard_text="検出されないこと", standard_max=None, must_not_be_detected=True
    )
    WaterQualityResultFactory(month=month, sampling_point=point, item=turbidity, value="2.5")
    WaterQualityResultFactory(month=month, sampling_point=point, item=chlorine, value="0.4")
    WaterQualityResultFactory(month=month, sampling_point=point, item=coli, value="検出されず")
    WaterQualityResultFactory(month=date(2026, 9, 1), sampling_point=point, item=turbidity, value="0.1未満")
    return page


@pytest.mark.parametrize(
    ("kwargs", "value", "exceeds"),
    [
        ({"standard_max": Decimal("2")}, "2", False),
        ({"standard_max": Decimal("2")}, "2.1", True),
        ({"standard_max": Decimal("2")}, "0.1未満", False),
        ({"standard_max": None, "standard_min": Decimal("0.1")}, "0.1", False),
        ({"standard_max": None, "standard_min": Decimal("0.1")}, "0.05", True),
        ({"standard_max": None, "standard_min": Decimal("0.1")}, "<0.1", True),
        ({"standard_min": Decimal("5.8"), "standard_max": Decimal("8.6")}, "8.7", True),
        ({"standard_max": None, "must_not_be_detected": True}, "検出", True),
        ({"standard_max": None, "must_not_be_detected": True}, "検出されず", False),
    ],
)
def test_standard_check(db, kwargs, value, exceeds):
    item = WaterQualityItemFactory(**kwargs)
    assert item.exceeds(value) is exceeds


def test_month_table_flags_values_over_the_standard_in_words(water_client, quality):
    html = water_client.get("/suishitsu/?month=2026-10").content.decode()
    assert "2026年10月の検査結果" in html
    assert "基準値を超えた項目があります" in html
    assert '2.5 <strong class="exceeds__label">基準値超過</strong>' in html
    assert "須賀川市役所（給水栓）の濁度：2.5度（基準値 2以下）" in html


def test_month_selection_and_fallback_to_latest(water_client, quality):
    assert "2026年9月の検査結果" in water_client.get("/suishitsu/?month=2026-09").content.decode()
    assert "2026年10月の検査結果" in water_client.get("/suishitsu/?month=garbage%00").content.decode()


def test_csv_download(water_client, quality):
    response = water_client.get("/suishitsu/csv/?month=2026-10")
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = body.strip().splitlines()
    assert lines[0] == "検査月,採水地点,検査項目,結果,単位,基準値,基準値超過"
    assert "2026-10,須賀川市役所（給水栓）,濁度,2.5,度,2以下,超過" in lines
    assert len(lines) == 4


def test_csv_import_round_trip(water_client, quality, tmp_path):
    csv_text = "検査月,採水地点,検査項目,結果\n2026-11,須賀川市役所（給水栓）,濁度,0.3\n2026-11,長沼支所（給水栓）,大腸菌,検出されず\n"
    path = tmp_path / "r.csv"
    path.write_bytes(csv_text.encode("cp932"))
    out = StringIO()
    call_command("import_water_quality", str(path), stdout=out)
    assert "新規 2件、更新 0件" in out.getvalue()
    assert WaterQualityResult.objects.filter(month=date(2026, 11, 1)).count() == 2
    call_command("import_water_quality", str(path), stdout=out)  # again: nothing changes
    assert "新規 0件、更新 0件" in out.getvalue()


def test_csv_import_rejects_the_whole_file_on_errors(quality, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "検査月,採水地点,検査項目,結果\n2026-11,市役所,濁度,0.3\n2026-13,市役所,濁度,x\n2026-11,市役所,未知の項目,1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_water_quality", str(path), stdout=StringIO())
    message = str(error.value)
    assert (
        "3行目：検査月は" in message
        and "3行目：濁度の結果「x」" in message
        and "4行目：検査項目「未知の項目」" in message
    )
    assert not WaterQualityResult.objects.filter(month=date(2026, 11, 1)).exists()


def test_staff_import_in_the_admin(client, quality, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from water.permissions import ensure_staff_group

    user = django_user_model.objects.create_user(username="keiei", password="pw")
    user.groups.add(ensure_staff_group())
    client.force_login(user)
    upload = SimpleUploadedFile("r.csv", "採水地点,検査項目,結果\n須賀川市役所（給水栓）,濁度,3\n".encode())
    response = client.post("/admin/water/quality-import/", {"month": "2026-12", "file": upload})
    assert response.status_code == 302
    result = WaterQualityResult.objects.get(month=date(2026, 12, 1))
    assert result.exceeds_standard


def test_other_editors_cannot_import(client, quality, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="kouhou", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/water/quality-import/").status_code in (302, 403)


def test_staff_see_the_import_form(client, quality, django_user_model):
    from water.permissions import ensure_staff_group

    user = django_user_model.objects.create_user(username="keiei", password="pw")
    user.groups.add(ensure_staff_group())
    client.force_login(user)
    response = client.get("/admin/water/quality-import/")
    assert response.status_code == 200
    assert "CSVファイル" in response.content.decode()
    response = client.post("/admin/water/quality-import/", {"month": "2026-13"})
    html = response.content.decode()
    assert "検査月は「2026-10」の形で入力してください。" in html and "CSVファイルを選んでください。" in html
