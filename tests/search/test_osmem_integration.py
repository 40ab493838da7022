"""The Elasticsearch path end to end, against osmem-server through Wagtail's OpenSearch backend.

What this proves: our index settings and mappings are accepted by an OpenSearch-API server with
kuromoji; `update_index` builds them (atomically, behind an alias); documents are indexed with the
per-field analyzers; the FAQ search and the site search (search.api) find Japanese words inside
text, ゴミ/ごみ, whole questions; editors' synonyms are pushed to a live index.
What it does not prove: Elasticsearch 8's exact behaviour (scoring, the kuromoji plugin's version,
synonym_graph details) — see test_elasticsearch_bodies.py (exact bodies) and
test_elasticsearch_live.py (a real server when ELASTICSEARCH_URL is set).
"""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search import api
from tests.search.factories import make_faq, make_faq_index

pytestmark = [pytest.mark.osmem, pytest.mark.django_db]

SODAI = "粗大ごみの収集日は毎月第二火曜日です"


def rebuild():
    with open(os.devnull, "w") as devnull:
        call_command("update_index", stdout=devnull, stderr=devnull)


@pytest.fixture
def indexed_faqs(osmem_backend):
    index = make_faq_index()
    make_faq(
        index, "犬の登録はどこでできますか", "狂犬病予防法により、生後91日以上の犬は市役所で登録が必要です。"
    )
    faq = make_faq(index, "収集について", SODAI)
    rebuild()
    return index, faq


def test_index_is_created_with_japanese_analysis_behind_an_alias(indexed_faqs, osmem_backend):
    index = osmem_backend.get_index_for_model(Page)
    assert index.is_alias()
    mapping = osmem_backend.es.indices.get_mapping(index=index.name)
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    assert properties["_all_text"]["analyzer"] == "ja_index"
    assert properties["_all_text"]["search_analyzer"] == "ja_search"
    assert properties["title"]["analyzer"] == "ja_index"


def test_kuromoji_analyzer_splits_and_normalises(indexed_faqs, osmem_backend):
    index = osmem_backend.get_index_for_model(Page)
    tokens = osmem_backend.es.indices.analyze(
        index=index.name, body={"analyzer": "ja_index", "text": "粗大ごみを出したい"}
    )["tokens"]
    # osmem's kuromoji (IPADIC) keeps 粗大ごみ as one word; the particle and auxiliary are gone.
    assert [token["token"] for token in tokens] == ["粗大ごみ", "出す"]


@pytest.mark.parametrize(
    "query", ["粗大ごみ", "収集日", "火曜日", "ゴミ", "粗大ごみを出したいのですがどうすればいいですか"]
)
def test_faq_search_finds_japanese_words(indexed_faqs, query):
    index, faq = indexed_faqs
    assert api.search_faqs(query, index)[0].pk == faq.pk


def test_site_search_finds_the_page(indexed_faqs):
    _index, faq = indexed_faqs
    results = api.search_site("粗大ごみ", Page.get_first_root_node())
    assert faq.pk in [page.pk for page in results]


def test_pages_saved_after_the_rebuild_are_indexed(indexed_faqs, osmem_backend):
    index, _faq = indexed_faqs
    new = make_faq(index, "住民票の写しを取りたい", "市民課の窓口で申請してください。")
    osmem_backend.get_index_for_model(Page).refresh()
    assert api.search_faqs("住民票", index)[0].pk == new.pk


def test_editors_synonyms_are_pushed_to_the_index(indexed_faqs, osmem_backend):
    from search.models import SearchSynonym

    index, faq = indexed_faqs
    SearchSynonym.objects.create(terms="大型ごみ、粗大ごみ")
    settings = osmem_backend.es.indices.get_settings(index=osmem_backend.get_index_for_model(Page).name)
    filters = next(iter(settings.values()))["settings"]["index"]["analysis"]["filter"]
    assert filters["ja_synonyms"]["synonyms"] == ["大型ごみ, 粗大ごみ"]
