import csv
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision, Site

from faq.csvio import import_csv
from faq.models import FAQCategory, FAQIndexPage, FAQPage

from .factories import DepartmentFactory, faq_index

HEADER = ["id", "question", "answer", "category", "keywords", "department"]


def make_csv(rows, header=HEADER, encoding="utf-8"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


ROWS = [
    [
        "city-001",
        "粗大ごみはどうやって出せばよいですか。",
        "事前に申し込んでください。\n手数料がかかります。\n\n詳しくは https://example.jp/gomi をご覧ください。",
        "ごみ・リサイクル",
        "粗大ゴミ|大型ごみ",
        "環境課",
    ],
    [
        "city-002",
        "住民票の写しを取りたいです。",
        "市民課の窓口で請求できます。",
        "住民票・戸籍|証明書",
        "",
        "市民課",
    ],
]


@pytest.fixture()
def departments(db):
    DepartmentFactory(name="環境課", section="廃棄物対策係")
    DepartmentFactory(name="市民課", section="住民係")


@pytest.fixture()
def index(db):
    return faq_index()


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_faq", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_published_faqs_with_their_fields(index, departments):
    result = import_csv(make_csv(ROWS), index)
    assert (result.created, result.updated, result.unchanged, result.failed) == (2, 0, 0, 0)
    page = FAQPage.objects.get(import_id="city-001")
    assert page.live and page.get_parent().pk == index.pk
    assert page.title == "粗大ごみはどうやって出せばよいですか。"
    assert page.keywords == "粗大ゴミ|大型ごみ"
    assert str(page.department) == "環境課 廃棄物対策係"
    assert [c.name for c in page.categories.all()] == ["ごみ・リサイクル"]
    assert sorted(c.name for c in FAQPage.objects.get(import_id="city-002").categories.all()) == [
        "住民票・戸籍",
        "証明書",
    ]


def test_answer_text_becomes_paragraphs_line_breaks_and_links(index, departments):
    import_csv(make_csv(ROWS), index)
    blocks = [child.value.source for child in FAQPage.objects.get(import_id="city-001").answer]
    assert blocks == [
        "<p>事前に申し込んでください。<br/>手数料がかかります。</p>",
        '<p>詳しくは <a href="https://example.jp/gomi">https://example.jp/gomi</a> をご覧ください。</p>',
    ]


def test_reimporting_the_same_file_changes_nothing_and_makes_no_revision(index, departments):
    data = make_csv(ROWS)
    import_csv(data, index)
    revisions = Revision.objects.count()
    result = import_csv(data, index)
    assert (result.created, result.updated, result.unchanged, result.failed) == (0, 0, 2, 0)
    assert Revision.objects.count() == revisions


def test_a_changed_row_updates_its_page_with_a_new_published_revision(index, departments):
    import_csv(make_csv(ROWS), index)
    page = FAQPage.objects.get(import_id="city-002")
    revisions = page.revisions.count()
    changed = [ROWS[0], [*ROWS[1][:2], "市民課または市民サービスセンターで請求できます。", *ROWS[1][3:]]]
    result = import_csv(make_csv(changed), index)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert page.live_revision_id == page.latest_revision_id
    assert "市民サービスセンター" in page.answer[0].value.source


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_encodings_are_detected(index, departments, encoding):
    result = import_csv(make_csv(ROWS, encoding=encoding), index)
    assert result.created == 2
    assert FAQPage.objects.filter(title="住民票の写しを取りたいです。").exists()


def test_bad_rows_are_reported_with_row_numbers_and_the_others_imported(index, departments):
    rows = [
        ROWS[0],
        ["city-003", "", "回答", "", "", ""],
        ["city-004", "質問です。", "回答です。", "", "", "存在しない課"],
        ["city-001", "重複した行です。", "回答です。", "", "", ""],
        ROWS[1],
    ]
    result = import_csv(make_csv(rows), index)
    assert (result.created, result.failed) == (2, 3)
    messages = dict(result.errors)
    assert set(messages) == {3, 4, 5}
    assert "question" in messages[3]
    assert "存在しない課" in messages[4]
    assert "2行目と重複" in messages[5]


def test_missing_required_column_stops_the_command_with_a_message(index, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_bytes(make_csv([["a", "b"]], header=["id", "question"]))
    with pytest.raises(CommandError, match="answer"):
        run_import(path, "--index", "faq")


def test_command_creates_the_index_and_prints_the_summary(db, departments, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_bytes(make_csv(ROWS + [["bad", "", "", "", "", ""]]))
    out, err = run_import(path, "--index", "qa", "--index-title", "お問い合わせの多い質問")
    index = FAQIndexPage.objects.get(slug="qa")
    assert index.title == "お問い合わせの多い質問"
    assert index.get_parent().pk == Site.objects.get(is_default_site=True).root_page_id
    assert "新規 2 件、更新 0 件、変更なし 0 件、失敗 1 件" in out
    assert "4行目" in err


def test_dry_run_saves_nothing(db, departments, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_bytes(make_csv(ROWS))
    out, _err = run_import(path, "--index", "faq", "--dry-run")
    assert "新規 2 件" in out and "確認のみ" in out
    assert not FAQPage.objects.exists()
    assert not FAQIndexPage.objects.exists()
    assert not FAQCategory.objects.exists()


def test_unknown_site_is_a_clear_error(db, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_bytes(make_csv(ROWS))
    with pytest.raises(CommandError, match="見つかりません"):
        run_import(path, "--index", "faq", "--site", "no-such-host.example")


def test_export_then_import_is_a_no_op(index, departments, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(make_csv(ROWS))
    run_import(source, "--index", "faq")
    exported = tmp_path / "out.csv"
    call_command("export_faq", str(exported), "--index", "faq", stderr=io.StringIO())
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == ["city-001", "city-002"]
    assert rows[0]["answer"] == ROWS[0][2]
    assert rows[1]["category"] == "住民票・戸籍|証明書"
    revisions = Revision.objects.count()
    out, _err = run_import(exported, "--index", "faq")
    assert "新規 0 件、更新 0 件、変更なし 2 件、失敗 0 件" in out
    assert Revision.objects.count() == revisions


def test_last_reviewed_column_is_read_and_exported(index, departments):
    header = [*HEADER, "last_reviewed"]
    result = import_csv(make_csv([[*ROWS[1], "2025/03/31"]], header=header), index)
    assert result.created == 1
    assert FAQPage.objects.get(import_id="city-002").last_reviewed.isoformat() == "2025-03-31"
    bad = import_csv(make_csv([[*ROWS[1], "去年"]], header=header), index)
    assert bad.failed == 1 and "去年" in bad.errors[0][1]


def test_demo_csv_files_import_cleanly(index, departments):
    """Every row of the demo data is valid (departments come from faq.demo)."""
    from faq.demo import CITY_CSV, DEPARTMENTS, WATER_CSV

    for name, details in DEPARTMENTS.items():
        DepartmentFactory(name=name, section=details["section"])
    city = import_csv(CITY_CSV.read_bytes(), index)
    assert city.failed == 0 and city.created >= 100
    categories = {c.name for page in FAQPage.objects.all() for c in page.categories.all()}
    assert len(categories) >= 10
    assert not FAQPage.objects.filter(department__isnull=True).exists()
    water = import_csv(WATER_CSV.read_bytes(), faq_index(slug="water-faq"))
    assert (water.created, water.failed) == (10, 0)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "https://example.jp/gomiをご覧ください。",
            '<a href="https://example.jp/gomi">https://example.jp/gomi</a>をご覧ください。',
        ),
        (
            "（https://example.jp/a?b=1&c=2）",
            '（<a href="https://example.jp/a?b=1&amp;c=2">https://example.jp/a?b=1&amp;c=2</a>）',
        ),
        ("See https://example.jp/x.", 'See <a href="https://example.jp/x">https://example.jp/x</a>.'),
        ("<b>太字</b>ではありません", "&lt;b&gt;太字&lt;/b&gt;ではありません"),
    ],
)
def test_urls_are_linked_and_markup_is_escaped(text, html):
    from faq.csvio import answer_plain_text, answer_stream_data

    assert answer_stream_data(text) == [{"type": "paragraph", "value": f"<p>{html}</p>"}]
    from wagtail.blocks import StreamValue

    from faq.models import FAQPage

    stream = FAQPage._meta.get_field("answer").to_python(answer_stream_data(text))
    assert isinstance(stream, StreamValue)
    assert answer_plain_text(stream) == text
