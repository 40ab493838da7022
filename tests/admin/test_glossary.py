"""The admin's Japanese follows the project's glossary (locale/GLOSSARY.md), read here as data.

A catalogue entry fails when it uses a variant the glossary forbids, counts a noun without a counter
(「10 画像」 instead of 「10 件」), or puts ASCII colons or quotes in Japanese text.
"""

import re

import polib
import pytest

from cms.admin_locale import LOCALE_ROOT

GLOSSARY = LOCALE_ROOT / "GLOSSARY.md"
CATALOGUES = sorted(LOCALE_ROOT.glob("*/ja/LC_MESSAGES/*.po"))
JAPANESE = "ぁ-んァ-ヶー一-龠々"
# Counters and units a number may stand before: 「3 件」「2 人」「5 か所」「300 ピクセル」.
COUNTERS = (
    "件", "人", "か所", "個", "回", "文字", "秒", "分", "時間", "日", "週", "か月", "年", "ページ",
    "ピクセル", "種類", "言語", "版", "段階", "行", "列", "項目", "語",
    # Not a count: 「80 以外」「404 エラー」.
    "以外", "以上", "以下", "未満", "エラー",
)
# A number (placeholder or digits) followed by a kanji or katakana noun; hiragana (です, の) is fine.
PLACEHOLDER_NUMBER = re.compile(r"%\((\w+)\)[sd]\s*([ァ-ヶ一-龠][" + JAPANESE + r"]*)")
DIGITS_NUMBER = re.compile(r"(?<![\w%)])\d+\s*([ァ-ヶ一-龠][" + JAPANESE + r"]*)")
NUMBER_NAMES = re.compile(r"count|counter|total|num|number|items")


def glossary_terms(text):
    """[(approved translations, forbidden variants)] from the table's rows."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("原文", "---") or set(cells[0]) <= {"-"}:
            continue
        approved = [term for term in re.split(r"[/、（）「」]| ", cells[1]) if term]
        # A variant with a note in parentheses is allowed in another sense (「ファイル（file はファイル）」):
        # only the plain ones can be checked without knowing the source's meaning.
        forbidden = [term.strip() for term in cells[2].split("、") if term.strip() and "（" not in term]
        rows.append((approved, forbidden))
    return rows


TERMS = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))


def translations(entry):
    return [entry.msgstr, *entry.msgstr_plural.values()]


def problems(entry):
    found = []
    for text in translations(entry):
        if not text:
            continue
        visible = re.sub(r"<[^>]+>", "", text)
        for approved, forbidden in TERMS:
            remaining = visible
            for term in sorted(approved, key=len, reverse=True):
                remaining = remaining.replace(term, "")
            found += [f"用語集にない訳「{variant}」" for variant in forbidden if variant in remaining]
        if re.search(rf"[{JAPANESE}）」]\s*:|:\s*[{JAPANESE}（「]", visible):
            found.append("半角のコロン（全角の「：」にする）")
        if re.search(r"[\"'“”‘’]", re.sub(r"（[\"']）", "", visible)):
            found.append("半角の引用符（「」にする）")
        for name, noun in PLACEHOLDER_NUMBER.findall(visible):
            if NUMBER_NAMES.search(name) and not noun.startswith(COUNTERS):
                found.append(f"数の後に助数詞がない（%({name})s {noun}）")
        for noun in DIGITS_NUMBER.findall(visible):
            if not noun.startswith(COUNTERS):
                found.append(f"数の後に助数詞がない（{noun}）")
    return found


def test_glossary_is_read_as_data():
    child_page = next(forbidden for approved, forbidden in TERMS if "下の階層のページ" in approved)
    assert "子ページ" in child_page


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: f"{path.parts[-4]}/{path.stem}")
def test_catalogue_follows_the_glossary(path):
    catalogue = polib.pofile(str(path))
    bad = [f"{entry.msgid!r}: {problem}" for entry in catalogue if not entry.obsolete for problem in problems(entry)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    "msgstr",
    ["子ページを追加", "新規: 記事", "10 画像", '"記事" を保存しました', "ページをフィルタ"],
)
def test_a_bad_translation_is_caught(msgstr):
    assert problems(polib.POEntry(msgid="x", msgstr=msgstr))


@pytest.mark.parametrize(
    "msgstr",
    ["下の階層にページを追加", "新規：記事", "10 件の画像", "「記事」を保存しました", "ユーザーを追加", "300 ピクセル"],
)
def test_a_good_translation_passes(msgstr):
    assert not problems(polib.POEntry(msgid="x", msgstr=msgstr))
