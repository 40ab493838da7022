"""The editor checks on plain text and rich-text HTML."""

import pytest

from cms.a11y.checks import (
    alt_problems,
    file_link_problems,
    heading_problems,
    html_problems,
    link_text_problems,
    text_problems,
)


@pytest.mark.parametrize(
    ("text", "check", "offending"),
    [
        ("手続き①を済ませてください。", "izonmoji", "①"),
        ("第Ⅱ期計画", "izonmoji", "Ⅱ"),
        ("㈱須賀川建設", "izonmoji", "㈱"),
        ("約5㌔の道のり", "izonmoji", "㌔"),
        ("ｽｶｶﾞﾜ市", "hankaku_kana", "ｽｶｶﾞﾜ"),
        ("ＦＡＸでお送りください", "zenkaku_alnum", "ＦＡＸ"),
        ("市　役　所", "spaced_word", "市\u3000役\u3000所"),
        ("氏 名", "spaced_word", "氏 名"),
        ("受付はR6.4.1からです。", "ambiguous_date", "R6.4.1"),
        ("締め切りは6/4です。", "ambiguous_date", "6/4"),
        ("赤字の項目は必須です。", "colour_only", "赤字の項目は必須です。"),
    ],
)
def test_text_check_finds_its_example(text, check, offending):
    problems = text_problems(text)
    assert [(p.check, p.text) for p in problems if p.check == check] == [(check, offending)]


@pytest.mark.parametrize(
    "text",
    [
        "須賀川市役所は令和6年4月1日から新庁舎で受け付けます。",
        "担当：須賀川　太郎（電話 0248-75-1111）",
        "2024年4月1日（月曜日）午前9時から",
        "(1) 申請書を書く 1. 窓口に出す",
        "ABC123 と 半角の英数字",
        "分数 1/2/3 とURL https://example.jp/6/4/",
    ],
)
def test_clean_japanese_text_has_no_problems(text):
    assert text_problems(text) == []


@pytest.mark.parametrize("text", ["こちら", "ここ", "詳しくはこちら", "詳細はこちら。", "こちらをクリック"])
def test_vague_link_text_is_reported(text):
    assert [p.check for p in link_text_problems(text)] == ["vague_link_text"]


def test_descriptive_link_text_is_accepted():
    assert link_text_problems("ごみの分け方と出し方") == []


def test_file_link_needs_type_and_size_in_or_after_the_link():
    assert [p.check for p in file_link_problems("申請書", "/documents/1/shinsei.pdf")] == [
        "file_link_without_type_size"
    ]
    assert file_link_problems("申請書（PDF：120KB）", "/documents/1/shinsei.pdf") == []
    assert file_link_problems("申請書", "/documents/1/shinsei.pdf", "（Excel：1.2MB）") == []
    assert file_link_problems("申請の方法", "/kurashi/shinsei/") == []


def test_alt_text_missing_or_file_name():
    assert [p.check for p in alt_problems("", "original_images/IMG_0012.jpg")] == ["image_alt_missing"]
    assert [p.check for p in alt_problems("IMG_0012.jpg", "original_images/IMG_0012.jpg")] == [
        "image_alt_filename"
    ]
    assert [p.check for p in alt_problems("DSC01234", "x.png")] == ["image_alt_filename"]
    assert alt_problems("満開の須賀川牡丹園", "original_images/IMG_0012.jpg") == []
    assert alt_problems("", "x.jpg", decorative=True) == []


def test_skipped_heading_levels():
    problems = heading_problems([(2, "申請", ""), (4, "必要なもの", ""), (2, "窓口", ""), (3, "本庁舎", "")])
    assert [p.text for p in problems] == ["h2 → h4「必要なもの」"]


@pytest.mark.django_db
def test_rich_text_html_is_parsed():
    html = (
        "<h2>申請</h2><h4>書類</h4>"
        '<p><a href="/kurashi/">こちら</a>から <a linktype="document" id="999">申請書</a></p>'
        '<p><embed embedtype="image" id="999" alt="IMG_0012.jpg" format="fullwidth"/></p>'
        "<table><tr><td>1</td><td>2</td></tr></table>"
        "<p>①<code>①</code></p>"
    )
    checks = sorted(p.check for p in html_problems(html))
    assert checks == sorted(
        [
            "heading_skipped",
            "vague_link_text",
            "file_link_without_type_size",
            "image_alt_filename",
            "table_without_caption",
            "table_without_headers",
            "izonmoji",
        ]
    )


def test_text_inside_code_is_not_checked():
    assert html_problems("<p><code>ｱｲｳ ①</code></p>") == []
