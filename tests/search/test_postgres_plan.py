"""PostgreSQL: the word match of a search runs once, whatever the planner's statistics say.

With statistics taken while the index tables held no rows (a fresh install, an import just made,
autovacuum not yet round) the planner took every table for one row and re-ran the sum of the word matches
for each page in the scope: 5 s a search instead of 20 ms on the development set, which held CI's
PostgreSQL pass until its limit. The plan is read with EXPLAIN ANALYZE of the query the search ran.
"""

import json

import pytest
from django.db import connection

from search.api import search_faqs
from tests.search.factories import make_faq, make_faq_index

pytestmark = pytest.mark.django_db

TABLES = "wagtailsearch_indexentry, faq_faqpage, wagtailcore_page"


def word_match_loops(plan, outer=1):
    """For each scan of the index table that tests a word (`@@`), how many times it or a node above it
    ran: more than once means the word match (or its sum) was recomputed inside a loop."""
    outer = max(outer, plan.get("Actual Loops", 1))
    loops = []
    if plan.get("Relation Name") == "wagtailsearch_indexentry" and "@@" in json.dumps(
        {key: plan.get(key) for key in ("Filter", "Recheck Cond", "Index Cond")}
    ):
        loops.append(outer)
    for child in plan.get("Plans", []):
        loops += word_match_loops(child, outer)
    return loops


def candidate_query_of(query, index):
    ran = []

    def keep(execute, sql, params, many, context):
        if "GROUP BY entry_id" in sql:
            ran.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        search_faqs(query, index, limit=10)
    assert ran, "the search ran no candidate query"
    return ran[-1]


def test_each_word_is_matched_once_with_statistics_of_empty_tables():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner: SQLite keeps the written join order")
    questions = [
        (
            f"水道の使用を中止したいときの手続き（その{n}）",
            f"引っ越しで水道を止めるときは申込みが必要です。{n}",
        )
        for n in range(40)
    ]
    emptied = make_faq_index(title="空にする")
    for question, answer_text in questions:
        make_faq(emptied, question, answer_text)
    for child in emptied.get_children():
        child.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLES}")  # pages on disk, no live rows: reltuples 0

    index = make_faq_index()
    for question, answer_text in questions:
        make_faq(index, question, answer_text)
    sql, params = candidate_query_of("引っ越しで水道を中止したい", index)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)

    loops = word_match_loops(plan[0]["Plan"])
    assert loops, "no word match found in the plan"
    assert set(loops) == {1}, f"word matches re-run: loops {loops}"
