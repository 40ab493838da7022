"""Against a real Elasticsearch 8 (with or without analysis-kuromoji) when ELASTICSEARCH_URL is set.

    ELASTICSEARCH_URL=http://localhost:9200 SEARCH_ES_ANALYZER=kuromoji .venv/bin/pytest tests/search -m elasticsearch

Skipped otherwise: no Elasticsearch server can be installed on the CI machines (see test_osmem_integration.py).
"""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search import api
from tests.search.conftest import search_settings
from tests.search.factories import make_faq, make_faq_index

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set"),
]

SODAI = "粗大ごみの収集日は毎月第二火曜日です"


@pytest.fixture
def es_backend(settings):
    analyzer = os.environ.get("SEARCH_ES_ANALYZER", "kuromoji")
    config = search_settings(ELASTICSEARCH_URL, analyzer, backend="search.backends.elasticsearch8")
    config["default"]["INDEX"] = f"test_cms_{os.getpid()}"
    settings.WAGTAILSEARCH_BACKENDS = config
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    yield backend
    backend.es.indices.delete(index=f"{config['default']['INDEX']}_*", ignore_unavailable=True)


@pytest.fixture
def indexed(es_backend):
    index = make_faq_index()
    make_faq(
        index, "犬の登録はどこでできますか", "狂犬病予防法により、生後91日以上の犬は市役所で登録が必要です。"
    )
    faq = make_faq(index, "収集について", SODAI)
    with open(os.devnull, "w") as devnull:
        call_command("update_index", stdout=devnull, stderr=devnull)
    return index, faq


@pytest.mark.parametrize(
    "query", ["粗大ごみ", "収集日", "ゴミ", "粗大ごみを出したいのですがどうすればいいですか"]
)
def test_faq_search_finds_japanese_words(indexed, query):
    index, faq = indexed
    assert api.search_faqs(query, index)[0].pk == faq.pk


def test_index_settings_were_accepted(indexed, es_backend):
    name = es_backend.get_index_for_model(Page).name
    settings = next(iter(es_backend.es.indices.get_settings(index=name).values()))["settings"]["index"]
    assert "ja_index" in settings["analysis"]["analyzer"]


def test_synonyms_are_pushed_and_used(indexed, es_backend):
    from search.models import SearchSynonym

    index, _faq = indexed
    faq = make_faq(index, "国民健康保険に加入したい", "退職したら14日以内に手続きしてください。")
    es_backend.get_index_for_model(Page).refresh()
    SearchSynonym.objects.create(terms="国保、国民健康保険")
    assert api.search_faqs("国保", index)[0].pk == faq.pk
