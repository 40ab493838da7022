"""Contract with modelsearch's database index: fails loudly when an upgrade changes what we rely on.

search.backends.index_store is the only code that knows modelsearch's tables and indexer. These tests
pin that knowledge: the columns (and SQLite's FTS5 table) it reads, that modelsearch's own indexer
stores exactly the analysed text we hand it, and that the ranking finds a page through both.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from search.analysis import index_text
from search.api import search_faqs
from search.backends.index_store import AnalysedDocument, IndexStore, index_entry_model
from tests.search.factories import make_faq, make_faq_index

pytestmark = pytest.mark.django_db


def test_index_tables_have_what_the_adapter_reads():
    assert IndexStore.for_reading().schema_problems() == []


def test_stock_indexer_reads_an_analysed_document_as_is():
    # Each vendor's module can only be imported on that vendor (its models are vendor-specific).
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import ObjectIndexer as stock
    else:
        from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer as stock
    indexer = stock(
        AnalysedDocument(7, "粗大 塵", "塵 | 収集 日", "粗大 塵 粗大ごみ そだいごみ"), get_search_backend()
    )
    assert indexer.id == "7"
    if connection.vendor == "postgresql":
        assert (indexer.title_text, indexer.body_text) == ("粗大 塵", "塵 | 収集 日")
    else:
        assert (indexer.title, indexer.body, indexer.autocomplete) == (
            "粗大 塵",
            "塵 | 収集 日",
            "粗大 塵 粗大ごみ そだいごみ",
        )


def test_saved_page_is_stored_analysed():
    index = make_faq_index()
    faq = make_faq(index, "粗大ごみの出し方", "収集日は毎月第二火曜日です。", keywords="粗大ごみ")
    entry = index_entry_model().objects.get(object_id=str(faq.pk), content_type__model="faqpage")
    title = entry.title_text if connection.vendor == "postgresql" else entry.title
    body = entry.body_text if connection.vendor == "postgresql" else entry.body
    assert title == index_text("粗大ごみの出し方")
    assert body.startswith(index_text("粗大ごみ") + " | ")
    assert index_text("収集日は毎月第二火曜日です。") in body


def test_ranking_reads_what_indexing_wrote():
    index = make_faq_index()
    make_faq(index, "粗大ごみの出し方", "収集日は毎月第二火曜日です。")
    make_faq(index, "住民票の写しの請求", "市民課の窓口で請求できます。")
    assert [page.title for page in search_faqs("第二火曜日", index)] == ["粗大ごみの出し方"]
