"""Wagtail's Elasticsearch 8 backend with Japanese analysis (see search.backends.elasticsearch_common).

Settings::

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "search.backends.elasticsearch8",
        "URLS": ["http://localhost:9200"],
        "INDEX": "sukagawa_cms",        # index name prefix
        "ANALYZER": "kuromoji",         # or "cjk" without the analysis-kuromoji plugin
    }}
"""

import logging

from modelsearch.backends import elasticsearch8 as es8

from .elasticsearch_common import (
    JapaneseBackendMixin,
    JapaneseIndexMixin,
    JapaneseMappingMixin,
    JapaneseQueryCompilerMixin,
)

logger = logging.getLogger(__name__)


class JapaneseElasticsearch8Mapping(JapaneseMappingMixin, es8.Elasticsearch8Mapping):
    pass


class JapaneseElasticsearch8Index(JapaneseIndexMixin, es8.Elasticsearch8Index):
    def push_synonyms(self, lines):
        names = [index.name for index in self.aliased_indices()] if self.is_alias() else [self.name]
        body = {
            "analysis": {
                "filter": {"ja_synonyms": {"type": "synonym_graph", "synonyms": list(lines), "lenient": True}}
            }
        }
        for name in names:
            self.es.indices.close(index=name)
            try:
                self.es.indices.put_settings(index=name, settings=body)
            finally:
                self.es.indices.open(index=name)


class JapaneseElasticsearch8SearchQueryCompiler(
    JapaneseQueryCompilerMixin, es8.Elasticsearch8SearchQueryCompiler
):
    mapping_class = JapaneseElasticsearch8Mapping


class JapaneseElasticsearch8AutocompleteQueryCompiler(es8.Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = JapaneseElasticsearch8Mapping


class JapaneseElasticsearch8SearchBackend(JapaneseBackendMixin, es8.Elasticsearch8SearchBackend):
    mapping_class = JapaneseElasticsearch8Mapping
    index_class = JapaneseElasticsearch8Index
    query_compiler_class = JapaneseElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = JapaneseElasticsearch8AutocompleteQueryCompiler


SearchBackend = JapaneseElasticsearch8SearchBackend


def push_synonyms_if_elasticsearch():
    """Called when an editor saves or deletes a synonym: update every Elasticsearch/OpenSearch index."""
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends():
        if isinstance(backend, JapaneseBackendMixin):
            try:
                backend.push_synonyms()
            except Exception:  # the search server being down must not lose the editor's change
                logger.exception("Could not push synonyms to %s; they apply after `update_index`.", backend)
