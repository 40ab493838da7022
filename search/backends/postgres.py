"""Japanese analysis on PostgreSQL text search (see search.backends.database)."""

from functools import reduce

from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.query import PlainText

from search.analysis import surface_key

from .database import AnalysedFieldsMixin, _analysed_plain_text
from .index_store import AnalysedIndexMixin


class PostgresFieldExtractor(AnalysedFieldsMixin, pg.ObjectIndexer):
    """Reads an object's searchable values the stock way; AnalysedFieldsMixin analyses them."""


class JapanesePostgresIndex(AnalysedIndexMixin, pg.PostgresIndex):
    extractor_class = PostgresFieldExtractor


class JapanesePostgresQueryCompiler(pg.PostgresSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = _analysed_plain_text(query) or ["\u2400"]
            lexemes = [pg.Lexeme(term, invert=invert) for term in terms]
            if query.operator.lower() == "and":
                combined = reduce(lambda a, b: a & b, lexemes)
            else:
                combined = reduce(lambda a, b: a | b, lexemes)
            return pg.SearchQuery(combined, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class JapanesePostgresAutocompleteQueryCompiler(pg.PostgresAutocompleteQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            key = surface_key(query.query_string) or "\u2400"
            return pg.SearchQuery(
                pg.Lexeme(key, invert=invert, prefix=True), search_type="raw", config=config
            )
        return super().build_tsquery_content(query, config=config, invert=invert)


class JapanesePostgresSearchBackend(pg.PostgresSearchBackend):
    japanese_embedded = True
    index_class = JapanesePostgresIndex
    query_compiler_class = JapanesePostgresQueryCompiler
    autocomplete_query_compiler_class = JapanesePostgresAutocompleteQueryCompiler

    def __init__(self, params):
        # Text is analysed before it reaches PostgreSQL: no stemming or stop words of its own.
        super().__init__({"SEARCH_CONFIG": "simple", **params})
