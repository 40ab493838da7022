"""The one place that knows modelsearch's database index (SQLite FTS5 / PostgreSQL).

- Writing: `AnalysedDocument` is what we hand to modelsearch's own `add_items`: an object whose
  search fields are the analysed title, body and autocomplete text (search.backends.database),
  so the stock ObjectIndexer stores our words without our code replacing any of modelsearch's.
- Reading: `IndexStore` holds every SQL statement the ranking (search.engine) runs on the tables.

tests/search/test_index_contract.py pins both sides: the columns and FTS5 table read here, and that
modelsearch's indexer stores exactly what `AnalysedDocument` gives it. A modelsearch upgrade that
changes either fails there instead of making search silently worse.
"""

from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, SearchField

from search.backends.database import BODY_SECTION_SEPARATOR

PREFILTER_FACTOR = 4


def index_entry_model():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


class _AnalysedValue:
    def get_value(self, obj):
        return obj.analysed[self.field_name]


class AnalysedText(_AnalysedValue, SearchField):
    """A search field whose value is text already analysed (space-separated normalised words)."""


class AnalysedAutocomplete(_AnalysedValue, AutocompleteField):
    pass


DOCUMENT_FIELDS = (AnalysedText("title"), AnalysedText("body"), AnalysedAutocomplete("autocomplete"))


class AnalysedDocument:
    """One object as modelsearch's indexer sees it: its primary key and its analysed text."""

    def __init__(self, pk, title, body, autocomplete):
        self.pk = pk
        self.analysed = {"title": title, "body": body, "autocomplete": autocomplete}

    def get_search_fields(self):
        return DOCUMENT_FIELDS


def _scope_sql(scope_queryset):
    """SQL selecting the scope's primary keys as text (index entries store object ids as text)."""
    text_pks = scope_queryset.order_by().annotate(search_object_id=Cast("pk", TextField()))
    sql, params = text_pks.values_list("search_object_id", flat=True).query.sql_with_params()
    return sql, list(params)


def _fts_phrase(term):
    return '"' + term.replace('"', '""') + '"'


def _tsquery_literal(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class AnalysedIndexMixin:
    """modelsearch's own `add_items`, given each object's analysed text instead of the object."""

    extractor_class = None  # search.backends.database.AnalysedFieldsMixin + the stock ObjectIndexer

    def add_items(self, model, objs):
        documents = []
        for obj in objs:
            extractor = self.extractor_class(obj, self.backend)
            documents.append(
                AnalysedDocument(
                    obj.pk, extractor.analysed_title, extractor.analysed_body, extractor.analysed_autocomplete
                )
            )
        result = super().add_items(model, documents)
        bump_index_version()
        return result

    def delete_item(self, item):
        result = super().delete_item(item)
        bump_index_version()
        return result

    def reset(self):
        result = super().reset()
        bump_index_version()
        return result


INDEX_VERSION_KEY = "search:index:version"


def bump_index_version():
    """Entries are updated in place (same count, same highest id): what is built from them (corpus and
    meaning models, document frequencies) is keyed on this version too, shared through the cache.
    Bumped now (this transaction reads its own writes) and again once committed (other processes)."""
    _increment_version()
    transaction.on_commit(_increment_version)


def _increment_version():
    try:
        cache.incr(INDEX_VERSION_KEY)
    except ValueError:
        cache.set(INDEX_VERSION_KEY, 2, None)


def index_version():
    return cache.get(INDEX_VERSION_KEY) or 1


class IndexStore:
    """Reads modelsearch's index tables for the ranking (search.engine): the only SQL on them."""

    def __init__(self, connection, table):
        self.connection = connection
        self.table = table
        self.postgres = connection.vendor == "postgresql"

    @classmethod
    def for_reading(cls):
        entry_model = index_entry_model()
        connection = connections[router.db_for_read(entry_model)]
        if connection.vendor not in {"sqlite", "postgresql"}:
            raise NotImplementedError("The embedded search ranks on SQLite and PostgreSQL only.")
        return cls(connection, entry_model._meta.db_table)

    def schema_problems(self):
        """What this adapter expects of modelsearch's tables and does not find ([] when all is there).

        The contract test calls it; a modelsearch upgrade that renames a column or drops the FTS5
        table fails there, loudly, instead of making every search return nothing."""
        problems = []
        with self.connection.cursor() as cursor:
            tables = set(self.connection.introspection.table_names(cursor))
            if self.table not in tables:
                return [f"table {self.table} is missing"]
            columns = {
                c.name for c in self.connection.introspection.get_table_description(cursor, self.table)
            }
            wanted = {"id", "content_type_id", "object_id", "title", "body", "autocomplete"}
            if self.postgres:
                wanted |= {"title_text", "body_text"}
            problems += [f"{self.table}.{name} is missing" for name in sorted(wanted - columns)]
            if not self.postgres:
                fts = f"{self.table}_fts"
                cursor.execute(f"SELECT name FROM pragma_table_info('{fts}')")
                fts_columns = {row[0] for row in cursor.fetchall()}
                if not fts_columns:
                    problems.append(f"FTS5 table {fts} is missing")
                problems += [
                    f"{fts}.{name} is missing"
                    for name in sorted({"title", "body", "autocomplete"} - fts_columns)
                ]
        return problems

    @property
    def title_col(self):
        return "title_text" if self.postgres else "title"

    @property
    def body_col(self):
        return "body_text" if self.postgres else "body"

    def match(self, terms):
        """(FROM/JOIN clause, WHERE clause, params, ORDER BY clause) matching any of `terms`."""
        if self.postgres:
            tsquery = " | ".join(_tsquery_literal(term) for term in terms)
            return (
                f"{self.table} e",
                "(e.title @@ %s::tsquery OR e.body @@ %s::tsquery)",
                [tsquery, tsquery],
                "ts_rank('{0.1, 0.2, 0.4, 1.0}', e.title || e.body, %s::tsquery) DESC",
                [tsquery],
            )
        expression = "{title body} : (" + " OR ".join(_fts_phrase(term) for term in terms) + ")"
        return (
            # CROSS JOIN: SQLite must walk the FTS matches first, not probe FTS for every entry.
            f"{self.table}_fts f CROSS JOIN {self.table} e ON e.id = f.rowid",
            f"{self.table}_fts MATCH %s",
            [expression],
            f"bm25({self.table}_fts, 0.0, 1.0, 3.0)",
            [],
        )

    def snapshot(self, content_type_ids):
        """(entries counted for document frequencies, highest id): cheap, and changes when entries are
        added or removed. On SQLite frequencies are over the whole index, so is the count."""
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    f"SELECT COUNT(*), MAX(id) FROM {self.table} WHERE content_type_id IN ({placeholders})",
                    list(content_type_ids),
                )
            else:
                cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {self.table}")
            count, max_id = cursor.fetchone()
        return count or 0, max_id or 0

    def average_lengths(self, content_type_ids):
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT AVG(LENGTH({self.title_col})), AVG(LENGTH({self.body_col})) "
                f"FROM {self.table} WHERE content_type_id IN ({placeholders})",
                list(content_type_ids),
            )
            avg_title, avg_body = cursor.fetchone()
        return float(avg_title or 1.0) or 1.0, float(avg_body or 1.0) or 1.0

    def entry_terms(self, content_type_ids):
        """(object id, title terms, body terms) of every entry of the models: what the corpus and
        meaning models learn from."""
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT object_id, {self.title_col}, {self.body_col} FROM {self.table} "
                f"WHERE content_type_id IN ({placeholders})",
                list(content_type_ids),
            )
            for object_id, title, body in cursor.fetchall():
                keywords, _sep, body_text = (body or "").partition(BODY_SECTION_SEPARATOR)
                yield object_id, (title or "").split(), (keywords + " " + body_text).split()

    def document_frequencies(self, terms, content_type_ids):
        """Entries holding each term. SQLite counts FTS5 doclists over the whole index (a join per
        term makes SQLite probe the FTS table row by row); PostgreSQL counts within the models."""
        selects, params = [], []
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        for term in terms:
            from_clause, where, match_params, _order, _order_params = self.match([term])
            if self.postgres:
                selects.append(
                    f"SELECT %s, COUNT(*) FROM {from_clause} WHERE {where} AND e.content_type_id IN ({placeholders})"
                )
                params.extend([term, *match_params, *content_type_ids])
            else:
                selects.append(f"SELECT %s, COUNT(*) FROM {self.table}_fts WHERE {where}")
                params.extend([term, *match_params])
        with self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return {term: count for term, count in cursor.fetchall()}

    def candidates(self, terms, content_type_ids, scope_queryset, limit):
        from_clause, where, params, order, order_params = self.match(terms)
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        scope_sql, scope_params = _scope_sql(scope_queryset)
        filters = f"e.content_type_id IN ({placeholders}) AND e.object_id IN ({scope_sql})"
        filter_params = [*content_type_ids, *scope_params]
        columns = f"e.object_id, e.{self.title_col}, e.{self.body_col}"
        with self.connection.cursor() as cursor:
            if not self.postgres:
                # Rank the FTS matches first, then keep those in scope: sorting every match after
                # the scope check is several times slower on a large index.
                fts = f"{self.table}_fts"
                cursor.execute(
                    f"SELECT {columns} FROM (SELECT rowid AS entry_id, bm25({fts}, 0.0, 1.0, 3.0) AS score "
                    f"FROM {fts} WHERE {where} ORDER BY score LIMIT %s) m "
                    f"CROSS JOIN {self.table} e ON e.id = m.entry_id WHERE {filters} ORDER BY m.score LIMIT %s",
                    [*params, limit * PREFILTER_FACTOR, *filter_params, limit],
                )
                rows = cursor.fetchall()
                if len(rows) == limit or not self._prefilter_was_full(cursor, where, params, limit):
                    return rows
            cursor.execute(
                f"SELECT {columns} FROM {from_clause} WHERE {where} AND {filters} ORDER BY {order} LIMIT %s",
                [*params, *filter_params, *order_params, limit],
            )
            return cursor.fetchall()

    def _prefilter_was_full(self, cursor, where, params, limit):
        """Whether more entries match than the pre-filter looked at (then the scope may have lost some)."""
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.table}_fts WHERE {where} LIMIT %s)",
            [*params, limit * PREFILTER_FACTOR + 1],
        )
        return cursor.fetchone()[0] > limit * PREFILTER_FACTOR
