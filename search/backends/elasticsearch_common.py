"""Japanese analysis for Wagtail's Elasticsearch 8 and OpenSearch backends.

- `ANALYZER = "kuromoji"` (servers with the analysis-kuromoji plugin): the kuromoji tokenizer in
  search mode (long compounds also split into their parts), base forms (出し → 出す), parts of speech
  without meaning dropped (particles, auxiliaries), full/half width folded (cjk_width), Japanese
  stop words, long-vowel marks (kuromoji_stemmer), lower case. A `.reading` sub-field holds the
  katakana reading cut into bigrams, so ゴミ, ごみ and 塵 meet, also inside compounds (粗大ごみ).
- `ANALYZER = "cjk"` (no plugin): the standard tokenizer with width folding and CJK bigrams.
- The search analyzer adds the editors' synonyms (`synonym_graph`), so changing a synonym needs no
  reindexing; `push_synonyms()` updates the filter of every index in place (close, settings, open).
- Analyzers are set on every text field of the mapping (and `_all_text*` copies), not only as the
  index default: OpenSearch-compatible servers such as osmem ignore an index-level default.
- Autocomplete (`_edgengrams`): the whole normalised title, cut into prefixes (edge n-grams).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearchbase import Field

ANALYZERS = ("kuromoji", "cjk")

KUROMOJI_FILTERS = [
    "kuromoji_baseform",
    "kuromoji_part_of_speech",
    "cjk_width",
    "ja_stop",
    "kuromoji_stemmer",
    "lowercase",
]
CJK_FILTERS = ["cjk_width", "lowercase", "cjk_bigram"]
READING_BOOST = 0.5


def analysis_settings(analyzer, synonyms):
    """The `settings.analysis` section for `analyzer` ("kuromoji" or "cjk") and synonym lines."""
    if analyzer not in ANALYZERS:
        raise ValueError(f"SEARCH_ES_ANALYZER must be one of {ANALYZERS}, not {analyzer!r}")
    filters = {
        "ja_synonyms": {"type": "synonym_graph", "synonyms": list(synonyms), "lenient": True},
        "ja_autocomplete_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 30},
    }
    if analyzer == "kuromoji":
        tokenizers = {"ja_tokenizer": {"type": "kuromoji_tokenizer", "mode": "search"}}
        filters["ja_readingform"] = {"type": "kuromoji_readingform", "use_romaji": False}
        # Readings cut into bigrams (keeping the whole reading): ゴミ finds 粗大ごみ (ソダイゴミ).
        filters["ja_reading_bigram"] = {
            "type": "ngram",
            "min_gram": 2,
            "max_gram": 2,
            "preserve_original": True,
        }
        analyzers = {
            "ja_index": {"type": "custom", "tokenizer": "ja_tokenizer", "filter": list(KUROMOJI_FILTERS)},
            "ja_search": {
                "type": "custom",
                "tokenizer": "ja_tokenizer",
                "filter": [*KUROMOJI_FILTERS, "ja_synonyms"],
            },
            "ja_reading": {
                "type": "custom",
                "tokenizer": "ja_tokenizer",
                "filter": [
                    "kuromoji_baseform",
                    "kuromoji_part_of_speech",
                    "cjk_width",
                    "ja_stop",
                    "ja_readingform",
                    "kuromoji_stemmer",
                    "lowercase",
                    "ja_reading_bigram",
                ],
            },
        }
    else:
        tokenizers = {}
        analyzers = {
            "ja_index": {"type": "custom", "tokenizer": "standard", "filter": list(CJK_FILTERS)},
            "ja_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "ja_synonyms", "cjk_bigram"],
            },
        }
    analyzers["ja_autocomplete"] = {
        "type": "custom",
        "tokenizer": "keyword",
        "filter": ["cjk_width", "lowercase", "ja_autocomplete_edge"],
    }
    analyzers["ja_autocomplete_search"] = {
        "type": "custom",
        "tokenizer": "keyword",
        "filter": ["cjk_width", "lowercase"],
    }
    # Elasticsearch also uses it for any text field we did not reach (dynamic fields).
    analyzers["default"] = deepcopy(analyzers["ja_index"])
    analysis = {"analyzer": analyzers, "filter": filters}
    if tokenizers:
        analysis["tokenizer"] = tokenizers
    return analysis


def current_synonym_lines():
    from django.db.utils import DatabaseError

    from search.synonyms import solr_synonym_lines

    try:
        return solr_synonym_lines()
    except DatabaseError:  # before migrations ran
        return []


class JapaneseMappingMixin:
    """Puts the Japanese analyzers on every text field of a model's mapping."""

    analyzer = "kuromoji"
    edgengram_analyzer_config = {"analyzer": "ja_autocomplete", "search_analyzer": "ja_autocomplete_search"}

    def get_mapping(self):
        mapping = super().get_mapping()
        self._analyse_properties(mapping["properties"], top_level=True)
        return mapping

    def _analyse_properties(self, properties, top_level=False):
        for name, field_mapping in properties.items():
            if field_mapping.get("type") == "nested":
                self._analyse_properties(field_mapping["properties"])
                continue
            if field_mapping.get("type") != "text" or "analyzer" in field_mapping:
                continue
            field_mapping["analyzer"] = "ja_index"
            field_mapping["search_analyzer"] = "ja_search"
            if top_level and name.startswith("_all_text") and self.analyzer == "kuromoji":
                field_mapping["fields"] = {"reading": {"type": "text", "analyzer": "ja_reading"}}


class JapaneseQueryCompilerMixin:
    """Searches the kana reading of the text too (ゴミ finds ごみ), at half the weight."""

    analyzer = "kuromoji"

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        if fields or self.analyzer != "kuromoji":
            return remapped
        readings = [Field(f"{field.field_name}.reading", field.boost * READING_BOOST) for field in remapped]
        return remapped + readings


class JapaneseIndexMixin:
    def put(self):
        # Settings are built when the index is created, with the synonyms of that moment.
        self.backend.settings = self.backend.index_settings()
        return super().put()

    def push_synonyms(self, lines):
        """Replace the synonyms of this index's search analyzer without reindexing."""
        names = [index.name for index in self.aliased_indices()] if self.is_alias() else [self.name]
        body = {
            "analysis": {
                "filter": {"ja_synonyms": {"type": "synonym_graph", "synonyms": list(lines), "lenient": True}}
            }
        }
        for name in names:
            self.es.indices.close(index=name)
            try:
                self.es.indices.put_settings(index=name, body=body)
            finally:
                self.es.indices.open(index=name)


_analyzer_classes = {}


def _with_analyzer(cls, analyzer, mapping_class=None):
    key = (cls, analyzer, mapping_class)
    if key not in _analyzer_classes:
        attrs = {"analyzer": analyzer}
        if mapping_class is not None:
            attrs["mapping_class"] = mapping_class
        _analyzer_classes[key] = type(cls.__name__, (cls,), attrs)
    return _analyzer_classes[key]


class JapaneseBackendMixin:
    """Reads ANALYZER (kuromoji/cjk) and INDEX (name prefix) from the backend settings."""

    def __init__(self, params):
        params = dict(params)
        self.analyzer = params.pop("ANALYZER", "kuromoji")
        if self.analyzer not in ANALYZERS:
            raise ValueError(f"ANALYZER must be one of {ANALYZERS}, not {self.analyzer!r}")
        index = params.pop("INDEX", None)
        if index and "INDEX_PREFIX" not in params:
            params["INDEX_PREFIX"] = f"{index}_"
        super().__init__(params)
        # Mapping and compilers are classes: give them this backend's analyzer choice (cached per analyzer).
        self.mapping_class = _with_analyzer(self.mapping_class, self.analyzer)
        self.query_compiler_class = _with_analyzer(
            self.query_compiler_class, self.analyzer, self.mapping_class
        )
        self.autocomplete_query_compiler_class = _with_analyzer(
            self.autocomplete_query_compiler_class, self.analyzer, self.mapping_class
        )
        # Synonyms are read from the database when an index is created (see JapaneseIndexMixin.put).
        self.settings = self.index_settings(synonyms=[])

    def index_settings(self, synonyms=None):
        settings = deepcopy(self.settings)
        settings.setdefault("settings", {})
        settings["settings"]["analysis"] = analysis_settings(
            self.analyzer, current_synonym_lines() if synonyms is None else synonyms
        )
        return settings

    def push_synonyms(self, lines=None):
        lines = current_synonym_lines() if lines is None else lines
        from modelsearch.index import get_indexed_models

        seen = set()
        for model in get_indexed_models():
            index = self.get_index_for_model(model)
            if index.name in seen or not index.exists():
                continue
            seen.add(index.name)
            index.push_synonyms(lines)
