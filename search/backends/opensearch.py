"""Wagtail's OpenSearch 3 backend with the same Japanese analysis as search.backends.elasticsearch8.

Used by the integration tests against osmem-server (an OpenSearch-compatible engine), and usable
in production with an OpenSearch cluster: `"BACKEND": "search.backends.opensearch"`.
"""

from modelsearch.backends import opensearch3 as os3

from .elasticsearch_common import (
    JapaneseBackendMixin,
    JapaneseIndexMixin,
    JapaneseMappingMixin,
    JapaneseQueryCompilerMixin,
)


class JapaneseOpenSearchMapping(JapaneseMappingMixin, os3.OpenSearch3Mapping):
    pass


class JapaneseOpenSearchIndex(JapaneseIndexMixin, os3.OpenSearch3Index):
    pass


class JapaneseOpenSearchQueryCompiler(JapaneseQueryCompilerMixin, os3.OpenSearch3SearchQueryCompiler):
    mapping_class = JapaneseOpenSearchMapping


class JapaneseOpenSearchAutocompleteQueryCompiler(os3.OpenSearch3AutocompleteQueryCompiler):
    mapping_class = JapaneseOpenSearchMapping


class JapaneseOpenSearchBackend(JapaneseBackendMixin, os3.OpenSearch3SearchBackend):
    mapping_class = JapaneseOpenSearchMapping
    index_class = JapaneseOpenSearchIndex
    query_compiler_class = JapaneseOpenSearchQueryCompiler
    autocomplete_query_compiler_class = JapaneseOpenSearchAutocompleteQueryCompiler


SearchBackend = JapaneseOpenSearchBackend
