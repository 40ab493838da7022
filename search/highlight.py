"""Snippets of a result's text around the searched words, with the words marked (<mark>)."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from modelsearch.index import SearchField

from search.analysis import analyze

SNIPPET_LENGTH = 120


def _text_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_text_value(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text_value(item) for item in value.values())
    return str(value)


def page_text(page):
    """Searchable text of a page besides its title: search description first, then its body fields."""
    texts = [getattr(page, "search_description", "") or ""]
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name not in {
            "title",
            "search_description",
            "keywords",
        }:
            try:
                texts.append(_text_value(field.get_value(page)))
            except Exception:  # a field that cannot render as text must not break the result list
                continue
    return " ".join(" ".join(text.split()) for text in texts if text and text.strip())


def mark(text, terms, language="ja"):
    """`text` as HTML with every word whose analysed form is in `terms` inside <mark>."""
    text = unicodedata.normalize("NFKC", text)
    spans = []
    for token in analyze(text, language):
        if token.term not in terms:
            continue
        if spans and token.start <= spans[-1][1]:
            # 粗大 + ごみ side by side, or the overlapping bigrams of 쓰레기 (쓰레, 레기): one <mark>
            spans[-1] = (spans[-1][0], max(spans[-1][1], token.end))
        else:
            spans.append((token.start, token.end))
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def snippet(text, terms, language="ja", length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first searched word, marked."""
    text = unicodedata.normalize("NFKC", text or "")
    if not text:
        return ""
    first = next((token for token in analyze(text, language) if token.term in terms), None)
    if first is None:
        return mark(Truncator(text).chars(length), terms, language)
    start = max(0, first.start - length // 4)
    # Start at a sentence or word boundary when one is close.
    for boundary in ("。", "、", " "):
        cut = text.rfind(boundary, start, first.start)
        if cut != -1 and first.start - cut < length // 2:
            start = cut + 1
            break
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + mark(window, terms, language) + suffix)
