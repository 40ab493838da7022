"""Japanese analysis on SQLite FTS5 (see search.backends.database)."""

from functools import reduce

from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.query import PlainText

from search.analysis import surface_key

from .database import AnalysedFieldsMixin, _analysed_plain_text
from .index_store import AnalysedIndexMixin


class SQLiteFieldExtractor(AnalysedFieldsMixin, lite.ObjectIndexer):
    """Reads an object's searchable values the stock way; AnalysedFieldsMixin analyses them."""


class JapaneseSQLiteIndex(AnalysedIndexMixin, lite.SQLiteIndex):
    extractor_class = SQLiteFieldExtractor


class JapaneseSQLiteQueryCompiler(lite.SQLiteSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = _analysed_plain_text(query)
            if not terms:
                terms = ["\u2400"]  # matches nothing: the query had only particles or symbols
            lexemes = [lite.Lexeme(term) for term in terms]
            if query.operator.lower() == "and":
                combined = reduce(lambda a, b: a & b, lexemes)
            else:
                combined = reduce(lambda a, b: a | b, lexemes)
            return lite.SearchQueryExpression(combined, config=config)
        return super().build_search_query_content(query, config=config)


class JapaneseSQLiteAutocompleteQueryCompiler(lite.SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            # What is typed so far is a prefix of the whole title (or its reading), or of its words.
            key = surface_key(query.query_string) or "\u2400"
            combined = lite.Lexeme(key, prefix=True)
            terms = _analysed_plain_text(query)
            if len(terms) > 1:
                words = [lite.Lexeme(term) for term in terms[:-1]] + [lite.Lexeme(terms[-1], prefix=True)]
                combined = combined | reduce(lambda a, b: a & b, words)
            return lite.SearchQueryExpression(combined, config=config)
        return super().build_search_query_content(query, config=config)


class JapaneseSQLiteSearchBackend(lite.SQLiteSearchBackend):
    japanese_embedded = True
    index_class = JapaneseSQLiteIndex
    query_compiler_class = JapaneseSQLiteQueryCompiler
    autocomplete_query_compiler_class = JapaneseSQLiteAutocompleteQueryCompiler
