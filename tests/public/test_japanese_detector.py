"""The detector the foreign-page test relies on: it must tell Japanese from Chinese and Korean."""

import pytest

from tests.public.japanese import japanese_outside_lang_ja, looks_japanese


@pytest.mark.parametrize(
    "text",
    ["ごみの出し方", "松明あかし", "自然・公园", "福島県", "入場料500円", "時々", "バス"],
)
def test_kana_and_japanese_only_forms_are_japanese(text):
    assert looks_japanese(text)


@pytest.mark.parametrize(
    "text",
    [
        "须贺川市牡丹园",
        "須賀川牡丹園",
        "福岛县",
        "福島縣",
        "门票500日元",
        "자연·공원",
        "Sukagawa",
        "自然、公园",
    ],
)
def test_chinese_korean_and_english_are_not(text):
    assert not looks_japanese(text)


def test_text_inside_lang_ja_is_allowed_and_outside_is_reported():
    html = (
        '<html lang="en"><body><p>Hours: <span lang="ja">午前8時30分から</span></p><p>ごみ</p></body></html>'
    )
    assert japanese_outside_lang_ja(html) == [("text", "ごみ")]


def test_attributes_and_title_are_checked_too():
    html = '<html lang="ko"><head><title>모란 | 須賀川市のページ</title></head><body><img src="a.png" alt="ぼたん"></body></html>'
    assert [where for where, _text in japanese_outside_lang_ja(html)] == ["<title>", "<img alt>"]
