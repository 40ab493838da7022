"""The one place that knows modelsearch's database index (SQLite FTS5 / PostgreSQL).

- Writing: `AnalysedDocument` is what we hand to modelsearch's own `add_items`: an object whose
  search fields are the analysed title, body and autocomplete text (search.backends.database),
  so the stock ObjectIndexer stores our words without our code replacing any of modelsearch's.
- Reading: `IndexStore` holds every SQL statement the ranking (search.engine) runs on the tables.

tests/search/test_index_contract.py pins both sides: the columns and FTS5 table read here, and that
modelsearch's indexer stores exactly what `AnalysedDocument` gives it. A modelsearch upgrade that
changes either fails there instead of making search silently worse.
"""

import uuid

from django.db import connections, router
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, SearchField

from search.backends.database import BODY_SECTION_SEPARATOR


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
        from modelsearch.utils import get_content_type_pk

        documents = []
        for obj in objs:
            extractor = self.extractor_class(obj, self.backend)
            documents.append(
                AnalysedDocument(
                    obj.pk, extractor.analysed_title, extractor.analysed_body, extractor.analysed_autocomplete
                )
            )
        result = super().add_items(model, documents)
        if documents:
            mark_changed([get_content_type_pk(model)])
        return result

    def delete_item(self, item):
        types = list(item.index_entries.values_list("content_type_id", flat=True).distinct())
        result = super().delete_item(item)
        mark_changed(types)
        return result

    def reset(self):
        result = super().reset()
        mark_changed(None)
        return result


def mark_changed(content_type_ids):
    """A new version token for these content types' entries (None: all), in the writing transaction:
    other processes see it when they see the entries. Only models that search these types rebuild."""
    from search.models import IndexVersion

    token = uuid.uuid4().hex
    if content_type_ids is None:
        IndexVersion.objects.update(version=token)
        return
    content_type_ids = sorted(set(content_type_ids))
    if not content_type_ids:
        return
    IndexVersion.objects.bulk_create(
        [IndexVersion(content_type_id=pk, version=token) for pk in content_type_ids], ignore_conflicts=True
    )
    IndexVersion.objects.filter(content_type_id__in=content_type_ids).update(version=token)


def index_versions(content_type_ids):
    """(version token or "", …) of these content types, in their order: the state models are keyed on."""
    from search.models import IndexVersion

    found = dict(
        IndexVersion.objects.filter(content_type_id__in=content_type_ids).values_list("pk", "version")
    )
    return tuple(found.get(pk, "") for pk in content_type_ids)


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

    def _term_match(self, term, title_only=False):
        """(SQL selecting the entry ids holding `term`, params)."""
        if self.postgres:
            condition = (
                "e.title @@ %s::tsquery"
                if title_only
                else "(e.title @@ %s::tsquery OR e.body @@ %s::tsquery)"
            )
            literal = _tsquery_literal(term)
            return f"SELECT e.id AS entry_id FROM {self.table} e WHERE {condition}", [literal] * (
                1 if title_only else 2
            )
        columns = "{title}" if title_only else "{title body}"
        return f"SELECT rowid AS entry_id FROM {self.table}_fts WHERE {self.table}_fts MATCH %s", [
            f"{columns} : {_fts_phrase(term)}"
        ]

    def candidates(self, weighted_terms, content_type_ids, scope_queryset, limit):
        """(object id, title, body) of at most `limit` entries of the models within the scope that hold
        any of the terms, those holding the most weight ({term: weight}) first, a term in the title
        counting twice; ties by object id. The same order on SQLite and PostgreSQL: the database only
        says which entry holds which word, so which candidates are ranked does not depend on it."""
        parts, params = [], []
        for term, weight in sorted(weighted_terms.items()):
            for title_only in (False, True):
                sql, match_params = self._term_match(term, title_only)
                # Whole numbers: sums of floats could differ in the last bit between the databases.
                parts.append(f"SELECT entry_id, CAST(%s AS INTEGER) AS w FROM ({sql}) t{len(parts)}")
                params.extend([round(weight * 1000), *match_params])
        if not parts:
            return []
        placeholders = ", ".join(["%s"] * len(content_type_ids))
        scope_sql, scope_params = _scope_sql(scope_queryset)
        held_sql = f"SELECT entry_id, SUM(w) AS held FROM ({' UNION ALL '.join(parts)}) m GROUP BY entry_id"
        columns = f"e.object_id, e.{self.title_col}, e.{self.body_col}"
        if self.postgres:
            # Both sets computed once, whatever the planner believes. With statistics taken while the
            # tables were empty (reltuples 0: a fresh install, an import just made) it estimated one
            # row and re-ran the sum of the word matches for every page in scope: seconds a search
            # instead of 20 ms, which held CI's PostgreSQL pass until its limit
            # (tests/search/test_postgres_plan.py).
            sql = (
                f"WITH s AS MATERIALIZED ({held_sql}), scope AS MATERIALIZED ({scope_sql}) "
                f"SELECT {columns} FROM s JOIN {self.table} e ON e.id = s.entry_id "
                f"WHERE e.content_type_id IN ({placeholders}) "
                f"AND e.object_id IN (SELECT search_object_id FROM scope) "
                f"ORDER BY s.held DESC, e.object_id LIMIT %s"
            )
            query_params = [*params, *scope_params, *content_type_ids, limit]
        else:
            # CROSS JOIN: SQLite keeps this join order, the matches first.
            sql = (
                f"SELECT {columns} FROM ({held_sql}) s CROSS JOIN {self.table} e ON e.id = s.entry_id "
                f"WHERE e.content_type_id IN ({placeholders}) AND e.object_id IN ({scope_sql}) "
                f"ORDER BY s.held DESC, e.object_id LIMIT %s"
            )
            query_params = [*params, *content_type_ids, *scope_params, limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, query_params)
            return cursor.fetchall()
