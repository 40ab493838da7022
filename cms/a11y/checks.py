"""Checks of what editors write that axe-core cannot make: Japanese text and the meaning of content.

Each check has an id, a Japanese label for editors, a severity (an error blocks publishing for
各課編集者, a warning never blocks) and the WCAG criterion it serves. The functions here work on plain
text and on rich-text HTML; `cms.a11y.content` walks stored pages and StreamField blocks with them.
"""

import dataclasses
import os
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    id: str
    label: str
    severity: str
    help: str
    criterion: str  # WCAG 2.0 / JIS X 8341-3:2016 success criterion, "" for Japanese-text checks

    @property
    def is_error(self):
        return self.severity == ERROR


CHECKS = {
    check.id: check
    for check in [
        Check(
            "izonmoji",
            "機種依存文字",
            ERROR,
            "丸数字（\u2460）、ローマ数字（\u2160）、\u3231、\u3314 などは読み上げソフトで正しく読まれません。"
            "「1.」「(1)」「株式会社」「キロ」のように書いてください。",
            "",
        ),
        Check(
            "hankaku_kana",
            "半角カナ",
            ERROR,
            "半角カタカナは読み上げソフトで正しく読まれません。全角カタカナで書いてください。",
            "",
        ),
        Check(
            "zenkaku_alnum",
            "全角英数字",
            WARNING,
            "全角の英字・数字は1文字ずつ読み上げられることがあります。半角で書いてください。",
            "",
        ),
        Check(
            "spaced_word",
            "単語の途中の空白",
            WARNING,
            "「市　役　所」のように見た目をそろえるための空白は、1文字ずつ読み上げられます。空白を削除してください。",
            "1.3.2",
        ),
        Check(
            "image_alt_missing",
            "画像の代替テキストがない",
            ERROR,
            "画像の内容を説明する代替テキストを入力するか、装飾のための画像として登録してください。",
            "1.1.1",
        ),
        Check(
            "image_alt_filename",
            "代替テキストがファイル名",
            ERROR,
            "代替テキストにファイル名（IMG_0012.jpg など）が入っています。画像の内容を文章で説明してください。",
            "1.1.1",
        ),
        Check(
            "vague_link_text",
            "リンク先が分からないリンク文字",
            ERROR,
            "「こちら」「ここ」だけではリンク先が分かりません。「申請書の様式」のようにリンク先が分かる文字にしてください。",
            "2.4.4",
        ),
        Check(
            "file_link_without_type_size",
            "ファイルの種類と容量がないリンク",
            ERROR,
            "PDFやWord、Excelへのリンクには「申請書（PDF：120KB）」のようにファイルの種類と容量を書いてください。",
            "2.4.4",
        ),
        Check(
            "table_without_headers",
            "見出しセルのない表",
            ERROR,
            "データの表には見出しセル（見出し行・見出し列）を設定してください。",
            "1.3.1",
        ),
        Check(
            "table_without_caption",
            "キャプションのない表",
            ERROR,
            "表の内容が分かるタイトル（キャプション）を入力してください。",
            "1.3.1",
        ),
        Check(
            "heading_skipped",
            "見出しレベルの飛び越し",
            ERROR,
            "見出しのレベルを飛ばさないでください（大見出しh2の次は中見出しh3）。文字を大きくするためだけに見出しを使わないでください。",
            "1.3.1",
        ),
        Check(
            "ambiguous_date",
            "読み間違えられる日付",
            WARNING,
            "「R6.4.1」「6/4」は正しく読み上げられません。「令和6年4月1日」「2024年4月1日」のように書いてください。",
            "",
        ),
        Check(
            "colour_only",
            "色だけで伝える表現",
            WARNING,
            "「赤字の項目」のように色だけで意味を伝えると、色が分からない人に伝わりません。「※」や文字で示してください。",
            "1.4.1",
        ),
        Check(
            "no_way_to_act",
            "手続きの方法がない",
            WARNING,
            "手続きのページに、電話番号・オンライン申請のURL・受付窓口のどれもありません。"
            "読んだ人がその場で申し込めるよう、少なくとも1つを入力してください。",
            "",
        ),
    ]
}


# Checks of a page type's own facts (ProcedurePage.content_problems), not of text: a body of text
# can never trigger them.
PAGE_CHECKS = {"no_way_to_act"}


@dataclass(frozen=True)
class Problem:
    check: str
    text: str
    location: str = ""
    field: str = ""
    field_label: str = ""
    block_index: int | None = dataclasses.field(default=None, compare=False)

    @property
    def info(self):
        return CHECKS[self.check]

    @property
    def label(self):
        return self.info.label

    @property
    def severity(self):
        return self.info.severity

    @property
    def is_error(self):
        return self.severity == ERROR

    def where(self):
        return " ".join(part for part in (self.field_label or self.field, self.location) if part)

    def message(self):
        where = self.where()
        prefix = f"{where}：" if where else ""
        return f"{prefix}{self.label}「{self.text}」 {self.info.help}"


# --- text patterns -------------------------------------------------------------------------------

# Characters that are read wrongly or not at all, or garbled outside Windows/Mac (the classic NEC/IBM
# extensions): circled and parenthesized numbers and letters, Roman numerals, parenthesized and circled
# ideographs, square units and era names.
IZONMOJI = re.compile(
    "["
    "\u2160-\u217f"  # Roman numerals
    "\u2460-\u24ff"  # circled / parenthesized digits and letters
    "\u2776-\u2793"  # ❶ ➀
    "\u3220-\u3247"  # parenthesized ideographs
    "\u3251-\u325f"  # circled numbers 21-35
    "\u3280-\u32ff"  # circled ideographs and katakana
    "\u3300-\u33ff"  # square units and era names
    "\u2116\u2121\u222e\u221f\u22bf"  # № ℡ ∮ ∟ ⊿
    "\U0001f100-\U0001f1ad"  # 🄐 🅰
    "]+"
)
HANKAKU_KANA = re.compile("[\uff61-\uff9f]+")
ZENKAKU_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_KANA_KANJI = "[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u4e00-\u9fff]"
# Single kana/kanji separated by spaces: 「市　役　所」「氏 名」, not 「須賀川　太郎」.
# The last character may be followed by hiragana (「市　役　所の」) but not by more kanji (「山　一郎」).
SPACED_WORD = re.compile(
    f"(?<!{_KANA_KANJI}){_KANA_KANJI}(?:[ \u3000]+{_KANA_KANJI})+(?![\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fff])"
)
# R6.4.1 / H31.4.1 / Ｒ６．４．１ and 6/4, 2024/4/1 (not inside longer numbers such as 1/2/3/4 codes).
AMBIGUOUS_DATE = re.compile(
    r"(?<![0-9A-Za-z/.])(?:[RHSTrhstＲＨＳＴ]\s?\d{1,2}[.．/／]\d{1,2}[.．/／]\d{1,2}"
    r"|(?:\d{4}/)?(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9]))(?![0-9A-Za-z/.])"
)
_COLOURS = "(?:赤|青|緑|黄|黄色|橙|オレンジ|ピンク|紫|灰)"
COLOUR_ONLY = re.compile(
    f"{_COLOURS}(?:色)?(?:字|文字|太字|い文字|色の文字)(?:の|で)?"
    f"|{_COLOURS}色?(?:で(?:表示|示)|の(?:部分|項目|箇所|欄|セル|マーク))"
    "|色(?:の付いた|がついた|付き)の?(?:部分|項目|箇所|欄|セル|文字)"
)

VAGUE_LINK = re.compile(
    r"^(?:(?:詳(?:しく|細)は)?(?:こちら|ここ|コチラ)(?:から|へ|を(?:クリック|ご覧ください)|をクリックしてください)?"
    r"|クリック|詳細|詳しく|リンク|click here|here|more|read more|link)$",
    re.IGNORECASE,
)
FILE_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "csv",
    "zip",
    "odt",
    "ods",
    "rtf",
    "txt",
)
FILE_URL = re.compile(r"\.(?:" + "|".join(FILE_EXTENSIONS) + r")(?:[?#].*)?$", re.IGNORECASE)
FILE_TYPE_WORD = re.compile(
    r"PDF|Word|ワード|Excel|エクセル|PowerPoint|パワーポイント|CSV|ZIP|ODT|ODS|RTF|テキスト|ＰＤＦ",
    re.IGNORECASE,
)
FILE_SIZE = re.compile(
    r"[\d０-９][\d０-９.,．]*\s*(?:KB|MB|GB|バイト|キロバイト|メガバイト|ＫＢ|ＭＢ)", re.IGNORECASE
)
IMAGE_FILENAME = re.compile(
    r"^\s*(?:[\w\-. ()]+\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?|heic)"
    r"|(?:IMG|DSC|DSCN|DSCF|PXL|P|image|img|photo)[_\- ]?\d{2,}[\w\-]*)\s*$",
    re.IGNORECASE,
)


def _excerpt(text, match, width=12):
    """The offending characters with a little context, as editors will search for it."""
    start, end = match.span()
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return f"{before}{match.group(0)}{after}".strip()


def text_problems(text, location=""):
    """Problems in plain text that an editor typed (any field, any block)."""
    if not text:
        return []
    text = str(text)
    problems = []
    for check, pattern in (
        ("izonmoji", IZONMOJI),
        ("hankaku_kana", HANKAKU_KANA),
        ("zenkaku_alnum", ZENKAKU_ALNUM),
        ("spaced_word", SPACED_WORD),
        ("ambiguous_date", AMBIGUOUS_DATE),
        ("colour_only", COLOUR_ONLY),
    ):
        for match in pattern.finditer(text):
            # The phrase around a colour word shows what it refers to; elsewhere the match itself.
            offending = _excerpt(text, match) if check == "colour_only" else match.group(0)
            problems.append(Problem(check, offending, location))
    return problems


def link_text_problems(text, location=""):
    normalized = re.sub(r"[\s\u3000。．.、，,！!>＞»›→]+", "", text or "")
    if not normalized:
        return []
    if VAGUE_LINK.match(normalized):
        return [Problem("vague_link_text", text.strip(), location)]
    return []


def is_file_url(url):
    return bool(url) and bool(FILE_URL.search(url))


def file_link_problems(link_text, url, following_text="", location="", is_file=None):
    """A link to a PDF/Word/Excel file must say its type and size (in the link or right after it)."""
    if not (is_file if is_file is not None else is_file_url(url)):
        return []
    nearby = f"{link_text}{following_text[:40]}"
    if FILE_TYPE_WORD.search(nearby) and FILE_SIZE.search(nearby):
        return []
    return [Problem("file_link_without_type_size", (link_text or url).strip(), location)]


def alt_problems(alt, filename="", location="", decorative=False):
    if decorative:
        return []
    alt = (alt or "").strip()
    if not alt:
        return [Problem("image_alt_missing", filename or "（代替テキストなし）", location)]
    base = os.path.basename(filename or "")
    names = {base.lower(), os.path.splitext(base)[0].lower()} - {""}
    if alt.lower() in names or IMAGE_FILENAME.match(alt):
        return [Problem("image_alt_filename", alt, location)]
    return []


def heading_problems(headings, location=""):
    """`headings`: (level, text, location) in document order; h1 is the page title."""
    problems = []
    previous = None
    for level, text, where in headings:
        where = where or location
        if level == 1:
            problems.append(
                Problem("heading_skipped", f"h1「{text}」（h1はページのタイトルだけです）", where)
            )
        elif (previous is None and level > 3) or (previous is not None and level > previous + 1):
            before = f"h{previous}" if previous else "h1"
            problems.append(Problem("heading_skipped", f"{before} → h{level}「{text}」", where))
        previous = level
    return problems


def table_problems(caption, has_header_cells, sample="", location=""):
    problems = []
    label = (caption or "").strip() or sample.strip()[:20] or "表"
    if not (caption or "").strip():
        problems.append(Problem("table_without_caption", label, location))
    if not has_header_cells:
        problems.append(Problem("table_without_headers", label, location))
    return problems


# --- rich text HTML ------------------------------------------------------------------------------

SKIP_TEXT_TAGS = {"script", "style", "code", "pre", "kbd", "samp"}


def _image_filename(tag):
    if tag.name == "img":
        return tag.get("src", "")
    try:
        from wagtail.images import get_image_model

        image = get_image_model().objects.filter(pk=tag.get("id")).only("file").first()
    except (ValueError, TypeError):
        image = None
    return image.file.name if image is not None else ""


def _text_after(tag):
    """Text that follows a link inside its paragraph: 「申請書</a>（PDF：120KB）」."""
    parts = []
    for sibling in tag.next_siblings:
        parts.append(sibling if isinstance(sibling, NavigableString) else sibling.get_text())
        if sum(len(part) for part in parts) > 40:
            break
    return "".join(parts)


def html_problems(html, location="", headings=None):
    """Problems in rich-text HTML (Wagtail's stored form: <a linktype=…>, <embed embedtype="image">).

    Headings found are appended to `headings` (a list shared across a field) when given, so that
    skipped levels are found across blocks; otherwise they are checked within this HTML.
    """
    if not html:
        return []
    soup = BeautifulSoup(str(html), "html.parser")
    problems = []
    own_headings = [] if headings is None else headings
    for node in soup.find_all(string=True):
        if node.parent is not None and node.parent.name in SKIP_TEXT_TAGS:
            continue
        problems.extend(text_problems(str(node), location))
    for tag in soup.find_all(True):
        if tag.name == "a":
            text = tag.get_text()
            problems.extend(link_text_problems(text, location))
            # A Wagtail document link is a file download whatever its extension.
            is_file = tag.get("linktype") == "document" or is_file_url(tag.get("href", ""))
            problems.extend(
                file_link_problems(text, tag.get("href", ""), _text_after(tag), location, is_file=is_file)
            )
        elif tag.name in ("img",) or (tag.name == "embed" and tag.get("embedtype") == "image"):
            problems.extend(alt_problems(tag.get("alt"), _image_filename(tag), location))
        elif tag.name == "table":
            caption = tag.find("caption")
            problems.extend(
                table_problems(
                    caption.get_text() if caption else "",
                    tag.find("th") is not None,
                    tag.get_text(" "),
                    location,
                )
            )
        elif isinstance(tag, Tag) and re.fullmatch(r"h[1-6]", tag.name):
            own_headings.append((int(tag.name[1]), tag.get_text().strip(), location))
    if headings is None:
        problems.extend(heading_problems(own_headings, location))
    return problems
