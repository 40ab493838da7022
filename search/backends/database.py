"""Wagtail's database search backend with Japanese analysis, on SQLite (FTS5) and PostgreSQL.

Wagtail builds one index entry per object with three columns: title, body and autocomplete.
The stock backend stores raw text, which FTS5's unicode61 tokenizer and PostgreSQL's parser see
as one word per run of Japanese. This backend stores the analysed form instead
(`search.analysis.index_text`: space-separated normalised words), so the database indexes words:

- title: the title (a FAQ's question);
- body: fields that describe the page in a few words (keywords, search description), then
  `BODY_SECTION_SEPARATOR`, then every other searchable field (the FAQ answer, page body …);
- autocomplete: the analysed title plus the title as one normalised string and as its reading,
  so as-you-type suggestions match a prefix typed in kanji or in kana.

Writing and reading the tables goes through one adapter, search.backends.index_store.

Queries typed into any Wagtail search (admin included) are analysed the same way and combined
with OR; the public search and the FAQ search rank with `search.engine` (BM25F).

Settings (`WAGTAILSEARCH_BACKENDS["default"]`): `"BACKEND": "search.backends.database"`.
"""

from functools import cached_property

from django.db import connection
from modelsearch.index import AutocompleteField, SearchField

from search.analysis import index_text, query_terms, reading_key, surface_key

BODY_SECTION_SEPARATOR = " | "
# Fields (besides the title) that name what a page is about in a few words: weighted above the body.
KEYWORD_FIELD_NAMES = {"keywords", "search_description", "seo_title", "search_keywords", "tags"}

_locale_languages = {}


def object_language(obj):
    """Language code of a translatable object (one query per locale per process, not per object)."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return "ja"
    if locale_id not in _locale_languages:
        from wagtail.models import Locale

        locale = Locale.objects.filter(pk=locale_id).first()
        _locale_languages[locale_id] = locale.language_code if locale else "ja"
    return _locale_languages[locale_id]


class AnalysedFieldsMixin:
    """Collects an object's searchable text per section and stores it analysed."""

    def _values(self):
        """(kind, text) for every searchable value of the object; kind is title/keywords/body/autocomplete."""
        values = []
        for field in self.search_fields:
            for prepared in self.prepare_field(self.obj, field):
                current_field, value = prepared[0], prepared[-1]
                if not value:
                    continue
                if isinstance(current_field, AutocompleteField):
                    values.append(("autocomplete", value))
                elif isinstance(current_field, SearchField):
                    if current_field.field_name == "title":
                        values.append(("title", value))
                    elif current_field.field_name in KEYWORD_FIELD_NAMES:
                        values.append(("keywords", value))
                    else:
                        values.append(("body", value))
        return values

    @cached_property
    def language(self):
        return object_language(self.obj)

    def _analysed(self, kind):
        return " ".join(
            text
            for text in (index_text(value, self.language) for k, value in self._cached_values if k == kind)
            if text
        )

    @cached_property
    def _cached_values(self):
        return self._values()

    @cached_property
    def analysed_title(self):
        return self._analysed("title")

    @cached_property
    def analysed_body(self):
        keywords = self._analysed("keywords")
        body = self._analysed("body")
        return f"{keywords}{BODY_SECTION_SEPARATOR}{body}" if keywords or body else ""

    @cached_property
    def analysed_autocomplete(self):
        parts = []
        for kind, value in self._cached_values:
            if kind == "autocomplete":
                parts.extend(
                    [index_text(value, self.language), surface_key(value), reading_key(value, self.language)]
                )
        return " ".join(part for part in parts if part)


def _analysed_plain_text(query, language="ja"):
    return [term for term, _weight in query_terms(query.query_string, language)]


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name in the backend module
    if connection.vendor == "postgresql":
        from .postgres import JapanesePostgresSearchBackend

        return JapanesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import JapaneseSQLiteSearchBackend

        return JapaneseSQLiteSearchBackend(params)
    raise NotImplementedError(
        "search.backends.database supports SQLite and PostgreSQL; set ELASTICSEARCH_URL for other databases."
    )
