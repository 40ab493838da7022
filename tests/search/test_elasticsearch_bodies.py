"""The exact index settings, mappings and query bodies our Elasticsearch 8 backend sends (no server needed)."""

import pytest

from search.backends.elasticsearch8 import JapaneseElasticsearch8SearchBackend

pytestmark = pytest.mark.django_db

# Written out here, not imported from the backend, so that a change to its filter chain fails this test.
KUROMOJI_FILTERS = [
    "kuromoji_baseform",
    "kuromoji_part_of_speech",  # 基本形にし、助詞・助動詞を除く
    "cjk_width",
    "ja_stop",  # 全角・半角をそろえ、ストップワードを除く
    "kuromoji_stemmer",
    "lowercase",  # カタカナ語末の長音を除き、小文字にそろえる
]


def backend(analyzer="kuromoji"):
    return JapaneseElasticsearch8SearchBackend(
        {"URLS": ["http://localhost:9200"], "INDEX": "sukagawa_cms", "ANALYZER": analyzer}
    )


def test_index_names_use_the_configured_prefix():
    from wagtail.models import Page

    assert backend().get_index_for_model(Page).name == "sukagawa_cms_wagtailcore_page"


def test_kuromoji_index_settings():
    analysis = backend().index_settings(synonyms=["国保, 国民健康保険"])["settings"]["analysis"]
    assert analysis["tokenizer"] == {"ja_tokenizer": {"type": "kuromoji_tokenizer", "mode": "search"}}
    assert analysis["analyzer"]["ja_index"] == {
        "type": "custom",
        "tokenizer": "ja_tokenizer",
        "filter": KUROMOJI_FILTERS,
    }
    assert analysis["analyzer"]["ja_search"] == {
        "type": "custom",
        "tokenizer": "ja_tokenizer",
        "filter": [*KUROMOJI_FILTERS, "ja_synonyms"],
    }
    # The reading chain: the index chain with the reading taken before the stemmer, then cut into bigrams.
    assert analysis["analyzer"]["ja_reading"]["filter"] == [
        *KUROMOJI_FILTERS[:4],
        "ja_readingform",
        *KUROMOJI_FILTERS[4:],
        "ja_reading_bigram",
    ]
    assert analysis["filter"]["ja_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": ["国保, 国民健康保険"],
        "lenient": True,
    }
    assert analysis["filter"]["ja_readingform"] == {"type": "kuromoji_readingform", "use_romaji": False}
    assert analysis["analyzer"]["default"] == analysis["analyzer"]["ja_index"]


def test_cjk_index_settings_need_no_plugin():
    analysis = backend("cjk").index_settings(synonyms=[])["settings"]["analysis"]
    assert "tokenizer" not in analysis
    assert analysis["analyzer"]["ja_index"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["cjk_width", "lowercase", "cjk_bigram"],
    }
    assert analysis["analyzer"]["ja_search"]["filter"] == [
        "cjk_width",
        "lowercase",
        "ja_synonyms",
        "cjk_bigram",
    ]
    assert not any("kuromoji" in str(value) for value in analysis.values())


def test_unknown_analyzer_is_refused():
    with pytest.raises(ValueError):
        backend("icu")


def test_synonyms_in_the_index_come_from_the_editors():
    from search.models import SearchSynonym

    SearchSynonym.objects.create(terms="国保、国民健康保険")
    SearchSynonym.objects.create(terms="ひとつだけ")
    settings = backend().index_settings()
    assert settings["settings"]["analysis"]["filter"]["ja_synonyms"]["synonyms"] == ["国保, 国民健康保険"]


def test_every_text_field_of_the_mapping_has_the_japanese_analyzers():
    from faq.models import FAQPage

    b = backend()
    properties = b.mapping_class(FAQPage).get_mapping()["properties"]
    assert properties["title"] == {
        "type": "text",
        "copy_to": ["_all_text", "_all_text_boost_2_0"],
        "analyzer": "ja_index",
        "search_analyzer": "ja_search",
    }
    assert properties["faq_faqpage__answer"]["analyzer"] == "ja_index"
    assert properties["faq_faqpage__categories"]["properties"]["name"]["analyzer"] == "ja_index"
    assert properties["_all_text"] == {
        "type": "text",
        "analyzer": "ja_index",
        "search_analyzer": "ja_search",
        "fields": {"reading": {"type": "text", "analyzer": "ja_reading"}},
    }
    assert properties["_edgengrams"] == {
        "type": "text",
        "analyzer": "ja_autocomplete",
        "search_analyzer": "ja_autocomplete_search",
    }
    text_fields = [value for value in properties.values() if value.get("type") == "text"]
    assert all("analyzer" in value for value in text_fields)


def test_cjk_mapping_has_no_reading_sub_field():
    from faq.models import FAQPage

    properties = backend("cjk").mapping_class(FAQPage).get_mapping()["properties"]
    assert "fields" not in properties["_all_text"]


def test_faq_query_body_searches_text_and_reading_with_or():
    from faq.models import FAQPage

    results = backend().search("粗大ごみ", FAQPage.objects.live())
    assert results._get_es_body() == {
        "query": {
            "bool": {
                "must": {
                    "multi_match": {
                        "query": "粗大ごみ",
                        "fields": [
                            "_all_text",
                            "_all_text_boost_2_0^2.0",
                            "_all_text.reading^0.5",
                            "_all_text_boost_2_0.reading",
                        ],
                    }
                },
                "filter": [
                    {"match": {"_django_content_type": "faq.FAQPage"}},
                    {"term": {"live_filter": True}},
                ],
            }
        }
    }


def test_autocomplete_body_uses_the_edge_ngram_field():
    from wagtail.models import Page

    results = backend().autocomplete("粗大ご", Page.objects.all())
    assert results._get_es_body()["query"]["bool"]["must"] == {"match": {"_edgengrams": {"query": "粗大ご"}}}
