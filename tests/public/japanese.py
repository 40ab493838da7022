"""Finding Japanese on a page meant for another language.

Han characters are shared by Chinese and Japanese, so "Japanese" here means: kana (including the
katakana middle dot 「・」 and the long-vowel mark), or a character form only Japanese writes — the
shinjitai simplified in Japan but not in Chinese (県 is 县 in simplified and 縣 in traditional
Chinese), and the iteration mark 々.
"""

import re
from html.parser import HTMLParser

KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
# Japanese-only forms: neither simplified nor traditional Chinese writes these characters.
JAPANESE_ONLY_FORMS = "々県円駅済広売転気図検険経続読関歳営価処払辺徳沢浜栄様団験応恵渓猟塩涙巣"
JAPANESE = re.compile(f"[{KANA}{JAPANESE_ONLY_FORMS}]")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "noscript"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")


def looks_japanese(text):
    return bool(JAPANESE.search(text or ""))


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang or None)
        self.found = []

    def _lang(self):
        for _tag, lang in reversed(self.stack):
            if lang is not None:
                return lang.lower()
        return ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        current = lang.lower() if lang is not None else self._lang()
        if tag == "meta" and attrs.get("name") == "description":
            self._check(attrs.get("content"), current, "meta description")
        for name in TEXT_ATTRIBUTES:
            self._check(attrs.get(name), current, f"<{tag} {name}>")
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self._check(attrs.get("value"), current, "<input value>")
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(tag in SKIP for tag, _lang in self.stack):
            return
        where = "<title>" if any(tag == "title" for tag, _lang in self.stack) else "text"
        self._check(data, self._lang(), where)

    def _check(self, text, lang, where):
        if text and not lang.startswith("ja") and looks_japanese(text):
            self.found.append((where, " ".join(text.split())[:80]))


def japanese_outside_lang_ja(html):
    """[(where, text)] of Japanese text or attribute values not inside an element marked lang="ja"."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found
