"""Finding 7 (and 11, 9, issue 13's multi-line row): imports reject what they cannot store faithfully.

Oversized fields, EUC-JP files, NUL bytes, over-long paths and unquoted multi-line answers each get a
Japanese message with the line number; nothing is stored in their place and no traceback is shown.
"""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from faq.models import FAQPage
from tests.faq.factories import DepartmentFactory, faq_index
from tests.home.factories import ContentPageFactory, SectionPageFactory
from tests.water.factories import WaterQualityItemFactory
from water.forms import WaterApplicationForm
from water.quality import ImportError_, import_results

pytestmark = pytest.mark.django_db

HEADER = ["id", "question", "answer", "category", "keywords", "department"]
HUGE = "あ" * 5_000_000


def faq_csv(rows, encoding="utf-8"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture()
def index():
    DepartmentFactory(name="環境課", section="廃棄物対策係")
    return faq_index(slug="faq")


def run_import_faq(tmp_path, data, index):
    path = tmp_path / "faq.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_faq", str(path), "--index", index.slug, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = [
    "city-001",
    "粗大ごみはどうやって出せばよいですか。",
    "事前に申し込んでください。",
    "ごみ・リサイクル",
    "",
    "環境課",
]


def test_import_faq_refuses_a_five_million_character_field_by_line(tmp_path, index):
    data = faq_csv([GOOD, ["city-002", "長い回答", HUGE, "", "", ""]])
    with pytest.raises(CommandError) as raised:
        run_import_faq(tmp_path, data, index)
    assert "3行目" in str(raised.value) and "長すぎ" in str(raised.value)
    assert not FAQPage.objects.exists()


def test_import_faq_reads_euc_jp_as_japanese_not_mojibake(tmp_path, index):
    out, _err = run_import_faq(tmp_path, faq_csv([GOOD], encoding="euc_jp"), index)
    page = FAQPage.objects.get()
    assert page.title == "粗大ごみはどうやって出せばよいですか。"
    assert "EUC-JP" in out


def test_import_faq_still_reads_cp932(tmp_path, index):
    out, _err = run_import_faq(tmp_path, faq_csv([GOOD], encoding="cp932"), index)
    assert FAQPage.objects.get().title == GOOD[1]
    assert "CP932" in out


def test_import_faq_rejects_a_nul_byte_by_line(tmp_path, index):
    bad = ["city-002", "住民票の写し", "市民課の窓口で\x00請求できます。", "", "", ""]
    out, err = run_import_faq(tmp_path, faq_csv([GOOD, bad]), index)
    assert "3行目" in err and "NUL" in err
    assert list(FAQPage.objects.values_list("import_id", flat=True)) == ["city-001"]


def test_unquoted_multiline_answer_is_rejected_not_published_as_a_category(tmp_path, index):
    text = (
        "id,question,answer,category,keywords,department\r\n"
        "city-001,ごみの出し方は,燃やせるごみは月曜と木曜です。\r\n"
        "資源ごみは水曜です。,ごみ・リサイクル,ごみ|分別,環境課\r\n"
        'city-003,住民票の写しを取りたいです。,"市民課の窓口で\r\n請求できます。",,,\r\n'
    )
    out, err = run_import_faq(tmp_path, text.encode(), index)
    assert "2行目" in err and "3行目" in err and "列" in err
    assert not FAQPage.objects.filter(title="ごみ・リサイクル").exists()
    # The well-formed quoted multi-line answer still imports and is published.
    page = FAQPage.objects.get(import_id="city-003")
    assert page.live
    assert "失敗 2 件" in out


def test_well_formed_long_multiline_answers_keep_importing(tmp_path, index):
    answer = "\n".join(f"{n}. 窓口で「申請書」を出してください、手数料は300円です。" for n in range(400))
    rows = [[f"city-{n:04d}", f"質問{n}は？", answer, "くらし|手続き", "申請|窓口", ""] for n in range(30)]
    out, err = run_import_faq(tmp_path, faq_csv(rows), index)
    assert err == ""
    assert FAQPage.objects.live().count() == 30


@pytest.fixture()
def tree(city_home):
    kurashi = SectionPageFactory(parent=city_home, slug="kurashi")
    page = ContentPageFactory(parent=kurashi, slug="sodai", title="粗大ごみ")
    page.save_revision().publish()
    return Site.objects.get(hostname="city.test")


def run_import_old_urls(tmp_path, text, site):
    path = tmp_path / "old.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_old_urls", str(path), "--site", site.hostname, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_old_urls_refuses_a_huge_field_by_line(tmp_path, tree):
    with pytest.raises(CommandError) as raised:
        run_import_old_urls(
            tmp_path, f"旧URL,新しいページ\n/a.html,/kurashi/sodai/\n/{HUGE},/kurashi/sodai/\n", tree
        )
    assert "3行目" in str(raised.value)
    assert not Redirect.objects.exists()


def test_import_old_urls_rejects_a_path_longer_than_the_field(tmp_path, tree):
    long_path = "/" + "a" * 3000
    with pytest.raises(CommandError):
        _out, err = run_import_old_urls(
            tmp_path, f"旧URL,新しいページ\n/a.html,/kurashi/sodai/\n{long_path},/kurashi/sodai/\n", tree
        )
    assert not Redirect.objects.filter(old_path__startswith="/aaaa").exists()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_old_urls", str(tmp_path / "old.csv"), "--site", tree.hostname, stdout=out, stderr=err
        )
    assert "3行目" in err.getvalue() and "255" in err.getvalue()


def test_import_old_urls_rejects_a_nul_byte(tmp_path, tree):
    with pytest.raises(CommandError):
        run_import_old_urls(tmp_path, "旧URL,新しいページ\n/a\x00b.html,/kurashi/sodai/\n", tree)
    assert not Redirect.objects.exists()


def test_water_quality_import_refuses_a_huge_field_by_line():
    WaterQualityItemFactory(name="色度")
    data = f"検査月,採水地点,検査項目,結果\n2026-10,浄水場,色度,{HUGE}\n".encode()
    with pytest.raises(ImportError_) as raised:
        import_results(data)
    assert "2行目" in str(raised.value)


def test_water_quality_import_rejects_minus_one():
    WaterQualityItemFactory(name="色度")
    with pytest.raises(ImportError_) as raised:
        import_results("検査月,採水地点,検査項目,結果\n2026-10,浄水場,色度,-1\n".encode())
    assert "2行目" in str(raised.value)


def test_water_quality_message_for_not_detected_on_a_numeric_item_says_what_to_write():
    WaterQualityItemFactory(name="色度")
    with pytest.raises(ImportError_) as raised:
        import_results("検査月,採水地点,検査項目,結果\n2026-10,浄水場,色度,検出されず\n".encode())
    message = str(raised.value)
    assert "2行目" in message and "数値" in message
    assert "「検出されず」で書いてください" not in message


def test_water_quality_import_reads_euc_jp_correctly():
    WaterQualityItemFactory(name="色度")
    created, _updated = import_results(
        "検査月,採水地点,検査項目,結果\n2026-10,浄水場,色度,0.5\n".encode("euc_jp")
    )
    assert created == 1


@pytest.mark.parametrize("number", ["１２３٣", "١٢٣٤", "12３٤"])
def test_customer_number_accepts_ascii_digits_only(number):
    form = WaterApplicationForm(data={"customer_number": number})
    form.is_valid()
    assert "customer_number" in form.errors


def test_customer_number_full_width_digits_become_ascii():
    form = WaterApplicationForm(data={"customer_number": "１２３４５６"})
    form.is_valid()
    assert "customer_number" not in form.errors
    assert form.cleaned_data["customer_number"] == "123456"
