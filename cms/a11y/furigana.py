"""ふりがな: readings over kanji as <ruby>, added to a rendered page; stored content is never changed.

The analyzer is the one the site search uses (fugashi with unidic-lite). Results are cached per run
of Japanese text, so a page read with ふりがな costs the analysis once.
"""

import hashlib
import re

from django.core.cache import cache
from django.utils.html import escape

from cms.japanese import tagger

KANJI = re.compile("[\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
# Runs of Japanese text handed to the analyzer (kana, kanji, digits before 日/月 and the like).
JAPANESE_RUN = re.compile(
    "[0-9\u3005\u3006\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+"
)
KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]")
# Days of the month read their own way; the dictionary gives 日 as 「か」 after any number.
DAY_READINGS = {
    "1": "ついたち",
    "2": "ふつか",
    "3": "みっか",
    "4": "よっか",
    "5": "いつか",
    "6": "むいか",
    "7": "なのか",
    "8": "ようか",
    "9": "ここのか",
    "10": "とおか",
    "14": "じゅうよっか",
    "20": "はつか",
    "24": "にじゅうよっか",
}
CACHE_VERSION = "furigana-1"
CACHE_SECONDS = 60 * 60 * 24 * 7

# Elements whose text is not prose or already has readings.
SKIP_ELEMENTS = {
    "script",
    "style",
    "code",
    "pre",
    "kbd",
    "samp",
    "ruby",
    "rt",
    "rp",
    "textarea",
    "option",
    "svg",
    "math",
}


def to_hiragana(katakana):
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in katakana)


def _ruby(base, reading):
    return f"<ruby>{escape(base)}<rp>（</rp><rt>{escape(reading)}</rt><rp>）</rp></ruby>"


def word_html(surface, reading):
    """One word with readings over its kanji only: 変わり → <ruby>変<rt>か</rt></ruby>わり."""
    if not KANJI.search(surface) or not reading:
        return escape(surface)
    reading = to_hiragana(reading)
    # Kana in the word (okurigana) must appear in the reading: align kanji runs to what is between.
    parts = re.findall("[\u3041-\u3096\u30a1-\u30fa\u30fc]+|[^\u3041-\u3096\u30a1-\u30fa\u30fc]+", surface)
    pattern = "".join(re.escape(to_hiragana(part)) if KANA.match(part) else "(.+?)" for part in parts)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return _ruby(surface, reading)
    html = []
    groups = iter(match.groups())
    for part in parts:
        if KANA.match(part):
            html.append(escape(part))
        else:
            piece_reading = next(groups)
            html.append(_ruby(part, piece_reading) if KANJI.search(part) else escape(part))
    return "".join(html)


def _analyze(run):
    words = []
    previous = ""
    for word in tagger()(run):
        surface = word.surface
        reading = getattr(word.feature, "kana", None) or ""
        if surface == "日" and previous.isdigit():
            reading = DAY_READINGS.get(previous.lstrip("0"), "にち")
        words.append((surface, reading))
        previous = surface
    if "".join(surface for surface, _ in words) != run:
        return escape(run)  # never risk changing the text itself
    return "".join(word_html(surface, reading) for surface, reading in words)


def run_html(run):
    if not KANJI.search(run):
        return escape(run)
    key = f"{CACHE_VERSION}:{hashlib.sha1(run.encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = _analyze(run)
        cache.set(key, html, CACHE_SECONDS)
    return html


def text_html(text):
    """Escaped HTML of a text node's (unescaped) text, with ruby over its kanji."""
    out = []
    position = 0
    for match in JAPANESE_RUN.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(run_html(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def add_ruby(html):
    """The HTML fragment with readings added to its text nodes (skipping code, scripts, ruby …)."""
    from html import unescape

    out = []
    skipping = []
    for token in TOKEN.findall(html):
        if token.startswith("<"):
            out.append(token)
            tag = TAG_NAME.match(token)
            if not tag or token.startswith("<!"):
                continue
            closing, name = tag.group(1), tag.group(2).lower()
            if name in VOID or token.endswith("/>"):
                continue
            if closing:
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif name in SKIP_ELEMENTS or skipping:
                skipping.append(name)
            continue
        if skipping or not KANJI.search(token):
            out.append(token)
        else:
            out.append(text_html(unescape(token)))
    return "".join(out)


MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.DOTALL | re.IGNORECASE)


def add_ruby_to_page(html):
    """Readings inside <main> only: navigation and header stay compact."""
    match = MAIN.search(html)
    if match is None:
        return html
    return html[: match.start(2)] + add_ruby(match.group(2)) + html[match.end(2) :]
