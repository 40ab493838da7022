"""Ranking for the embedded default: BM25F over the analysed index entries, the same on SQLite and PostgreSQL.

Every parameter is a field of `RankingConfig` (overridable with the setting SEARCH_RANKING); what
was tried is in docs/search-tuning.md. `rank()` runs in steps:

1. The query is analysed (`search.analysis`) and expanded with the editors' synonyms.
2. With the corpus model on, it is expanded with readings of kana/misspelt spans, SudachiDict
   synonyms and question↔answer associations (`expand`, search.corpus).
3. Statistics (entries, document frequencies, average lengths) come from `CollectionStats`, counted
   once per index state from the searched models' entries: not from the database's full-text index,
   so both databases rank with the same numbers.
4. The database finds the entries (within the scope) holding the most of the query's weight, at
   most `config.candidates` (`IndexStore.candidates`).
5. They are scored with BM25F (title > keywords > body), a bonus for query words side by side and a
   factor for the share of the query covered (`_score_candidates`).
6. The best `config.rerank_depth` are re-ranked (`rerank`) by BM25 over character bigrams of the
   analysed words run together and, with word vectors installed (search.vectors), by similarity
   in meaning.

Statistics, corpus and meaning models are kept per searched model and the version tokens of its
content types (`collection`); `warm_up()` builds them before the first search.
"""

import math
import threading
from dataclasses import dataclass, field, replace

from modelsearch.utils import get_descendants_content_types_pks

from search import corpus, vectors
from search.analysis import analyze
from search.backends.database import BODY_SECTION_SEPARATOR
from search.backends.index_store import IndexStore, index_versions


@dataclass(frozen=True)
class RankingConfig:
    """Every parameter of the ranking, in one place; `ranking_config()` reads overrides from the
    setting SEARCH_RANKING (a dict of these names). How each value was chosen: docs/search-tuning.md."""

    # BM25F: how much a term in each field counts, length normalisation per field, saturation.
    field_weights: dict = field(default_factory=lambda: {"title": 3.0, "keywords": 2.0, "body": 1.0})
    field_b: dict = field(default_factory=lambda: {"title": 0.3, "keywords": 0.0, "body": 0.75})
    k1: float = 1.2
    # Entries scored per query (chosen by the query weight they hold, see IndexStore.candidates).
    candidates: int = 300
    # A pair of query words found side by side, and the share of the query's weight an entry covers.
    proximity_weight: float = 0.4
    coverage_weight: float = 0.5
    # Editors' synonyms (of the query word's weight), the most query words, and the share of entries
    # above which a word scores but does not find candidates.
    synonym_weight: float = 0.8
    max_query_terms: int = 32
    common_fraction: float = 0.3
    # What the corpus model adds (search.corpus); False: the plain BM25F baseline.
    corpus_model: bool = True
    reading_weight: float = 1.0
    thesaurus_weight: float = 0.5
    association_weight: float = 0.15
    max_associated: int = 4
    # Re-ranking of the best candidates: its depth, the share of character bigrams and their field
    # weights, and the share of similarity in meaning (word vectors) with the title's part of it.
    rerank_depth: int = 40
    rerank_weight: float = 0.2
    rerank_fields: dict = field(default_factory=lambda: {"title": 1.0, "body": 0.5})
    rerank_b: float = 0.75
    meaning_weight: float = 0.3
    meaning_title_share: float = 0.5


def ranking_config(**overrides):
    """The ranking's configuration: the defaults, the setting SEARCH_RANKING, then `overrides`."""
    from django.conf import settings

    values = {**getattr(settings, "SEARCH_RANKING", {}), **overrides}
    return replace(RankingConfig(), **values)


@dataclass
class Hit:
    object_id: int
    score: float


@dataclass
class AnalysedQuery:
    weights: dict = field(default_factory=dict)  # term -> weight
    sequence: list = field(default_factory=list)  # terms in query order, for proximity
    text: str = ""  # the query as typed (kana spans are re-read against the corpus)

    def __bool__(self):
        return bool(self.weights)


def analyse_query(query, language="ja", synonyms=None, config=None):
    """Terms of the query with weights, expanded by synonym groups (lists of term tuples)."""
    config = config or ranking_config()
    tokens = analyze(query, language)[: config.max_query_terms]
    sequence = [token.term for token in tokens]
    weights = {}
    for token in tokens:
        weights[token.term] = max(weights.get(token.term, 0.0), token.weight)
    for group in synonyms or ():
        present = [variant for variant in group if variant and _contains(sequence, variant)]
        if not present:
            continue
        base = max(max(weights.get(term, 0.0) for term in variant) for variant in present)
        for variant in group:
            if variant in present:
                continue
            share = config.synonym_weight * base / math.sqrt(len(variant))
            for term in variant:
                weights[term] = max(weights.get(term, 0.0), share)
    return AnalysedQuery(weights, sequence, query)


def expand(analysed, model, config=None):
    """The query with what the corpus model adds: known words for kana/misspelt spans (full weight,
    they are what the resident typed) and associated answer words (small weight, scoring only).
    Returns (query, association terms)."""
    config = config or ranking_config()
    weights = dict(analysed.weights)
    sequence = list(analysed.sequence)
    if not config.corpus_model:
        return analysed, set()
    if analysed.text:
        for term in model.reading_terms(analysed.text):
            if weights.get(term, 0.0) < config.reading_weight:
                weights[term] = config.reading_weight
            sequence.append(term)
        if config.thesaurus_weight:
            for term, share in model.synonym_terms(analysed.text, weights).items():
                weights[term] = max(weights.get(term, 0.0), config.thesaurus_weight * share)
    associated = {}
    if config.association_weight:
        for term, weight in weights.items():
            for partner, strength in model.associated(term):
                if partner not in weights:
                    share = config.association_weight * weight * strength
                    associated[partner] = max(associated.get(partner, 0.0), share)
    if len(associated) > config.max_associated:
        associated = dict(sorted(associated.items(), key=lambda item: -item[1])[: config.max_associated])
    weights.update(associated)
    return AnalysedQuery(weights, sequence, analysed.text), set(associated)


def _contains(sequence, variant):
    size = len(variant)
    return any(tuple(sequence[i : i + size]) == variant for i in range(len(sequence) - size + 1))


# --- collection statistics: one place, the same on every database ---------------------------------


@dataclass
class CollectionStats:
    """Entries of the searched models, how many hold each word, and their average field lengths.

    Counted here from the entries' analysed words (not by the database's full-text index), over the
    searched models only, so SQLite and PostgreSQL rank with the same numbers."""

    count: int = 0
    df: dict = field(default_factory=dict)
    average_title: float = 1.0
    average_body: float = 1.0

    def idf(self, term):
        n = self.df.get(term, 0)
        return math.log(1.0 + (self.count - n + 0.5) / (n + 0.5))


def build_stats(rows):
    df = {}
    count = title_length = body_length = 0
    for _object_id, title_terms, body_terms in rows:
        count += 1
        # Lengths in characters of the analysed text (words and the spaces between them).
        title_length += max(0, sum(map(len, title_terms)) + len(title_terms) - 1)
        body_length += max(0, sum(map(len, body_terms)) + len(body_terms) - 1)
        for term in set(title_terms).union(body_terms):
            df[term] = df.get(term, 0) + 1
    if not count:
        return CollectionStats()
    return CollectionStats(count, df, title_length / count or 1.0, body_length / count or 1.0)


stats_models = corpus._Models(build_stats)


@dataclass
class Collection:
    """What is built from the entries of one searched model in one state (see `collection`)."""

    stats: CollectionStats
    corpus: object = None  # search.corpus.CorpusModel
    meaning: object = None  # search.vectors.SemanticModel


def collection(model, config=None, store=None):
    """Statistics, corpus model and meaning model of `model`'s index entries: built once per state of
    the content types they describe (search.models.IndexVersion), then kept in this process."""
    config = config or ranking_config()
    store = store or IndexStore.for_reading()
    content_type_ids = sorted(get_descendants_content_types_pks(model))
    if not content_type_ids:
        return None, content_type_ids
    key = (store.connection.alias, tuple(content_type_ids), index_versions(content_type_ids))
    entries = []

    def load_entries():  # read once for all the models built now
        if not entries:
            entries.extend(store.entry_terms(content_type_ids))
        return entries

    built = Collection(stats_models.get(key, load_entries))
    if config.corpus_model:
        built.corpus = corpus.models.get(key, load_entries)
        if config.meaning_weight and vectors.word_vectors() is not None:
            built.meaning = vectors.models.get(key, load_entries)
    return built, content_type_ids


_warm_lock = threading.Lock()


def warm_up(models=None):
    """Build everything the embedded search needs before the first search: the analyser's and the
    thesaurus's dictionaries, the word vectors, and statistics, corpus and meaning models of the FAQ
    pages and of all pages. Call it in gunicorn's master with preload_app (deploy/gunicorn.conf.py):
    workers forked afterwards share what was built (the vectors are a read-only numpy array)."""
    from django.db import connections
    from wagtail.models import Page

    from search import thesaurus
    from search.service import faq_model

    with _warm_lock:
        analyze("住民票の写しを取りたい", "ja")
        thesaurus.groups_of_corpus({}, {})
        vectors.word_vectors()
        for model in models or (faq_model(), Page):
            collection(model)
    # A forked worker must not share the master's database connection (left open inside a
    # transaction, as in tests, where closing would abort it).
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


# --- ranking -------------------------------------------------------------------------------


def rank(model, scope_queryset, query, language="ja", synonyms=None, limit=None, config=None):
    """Hits (object id, score) of `model` objects in `scope_queryset` for `query`, best first.

    1. analyse the query; 2. expand it with the corpus model (readings, synonyms, associations);
    3. weigh each word by its IDF over the searched models; 4. let the database find the candidates
    holding the most of that weight; 5. score them with BM25F, proximity and coverage; 6. re-rank the
    best by character bigrams and meaning."""
    config = config or ranking_config()
    analysed = query if isinstance(query, AnalysedQuery) else analyse_query(query, language, synonyms, config)
    if not analysed:
        return []
    store = IndexStore.for_reading()
    built, content_type_ids = collection(model, config, store)
    if built is None or not built.stats.count:
        return []
    query_words = "".join(analysed.sequence)  # before expansion: what the resident typed
    associated = set()
    if built.corpus is not None:
        analysed, associated = expand(analysed, built.corpus, config)
    stats = built.stats
    terms = sorted(term for term in analysed.weights if stats.df.get(term))
    if not terms:
        return []
    idf = {term: stats.idf(term) for term in terms}
    rows = _candidates(
        store, analysed, terms, idf, associated, stats, content_type_ids, scope_queryset, config
    )
    hits, texts = _score_candidates(rows, analysed, terms, idf, associated, stats, config)
    hits.sort(key=lambda hit: (-hit.score, hit.object_id))
    if config.corpus_model and (config.rerank_weight or built.meaning is not None):
        head = hits[: config.rerank_depth]
        alike = _meaning_of(built.meaning, analysed, associated, head)
        hits = rerank(head, texts, query_words, alike, config) + hits[config.rerank_depth :]
    return hits[:limit] if limit else hits


def _candidates(store, analysed, terms, idf, associated, stats, content_type_ids, scope_queryset, config):
    """Rows (object id, title, body) to score. Words in most entries of a large index rank but need
    not find candidates: alone they would fill the pool with entries that match nothing else; the
    associated words only score."""
    ceiling = max(config.common_fraction * stats.count, config.candidates)
    finding = [term for term in terms if stats.df[term] <= ceiling and term not in associated] or terms
    weighted = {term: analysed.weights[term] * idf[term] for term in finding}
    return store.candidates(weighted, content_type_ids, scope_queryset, config.candidates)


def _score_candidates(rows, analysed, terms, idf, associated, stats, config):
    """BM25F of each row with the proximity bonus and the coverage factor: (hits, texts), texts being
    {object id: (title, body) words run together} for the re-ranking."""
    averages = {"title": stats.average_title, "keywords": 1.0, "body": stats.average_body}
    pairs = [
        (a, b)
        for a, b in zip(analysed.sequence, analysed.sequence[1:], strict=False)
        if a != b and a in idf and b in idf
    ]
    total_weight = sum(analysed.weights[term] * idf[term] for term in terms if term not in associated) or 1.0
    # Terms are counted with str.count on space-padded text (" term "): the analysed text is
    # space-separated words, and counting in C is much faster than walking every word in Python.
    padded_terms = {term: f" {term} " for term in terms}
    padded_pairs = [(a, b, f" {a}  {b} ") for a, b in pairs]
    k1 = config.k1
    hits, texts = [], {}
    for object_id, title, body in rows:
        keywords, _sep, body_text = (body or "").partition(BODY_SECTION_SEPARATOR)
        # Doubled spaces: adjacent repeats (塵 塵 from ごみ|ゴミ) are each counted.
        fields = {
            "title": f" {(title or '').replace(' ', '  ')} ",
            "keywords": f" {keywords.strip().replace(' ', '  ')} ",
            "body": f" {body_text.strip().replace(' ', '  ')} ",
        }
        lengths = {"title": len(title or ""), "keywords": 1.0, "body": len(body_text)}
        pseudo_tf = {}
        for name, text in fields.items():
            if len(text) <= 2:
                continue
            b = config.field_b[name]
            factor = config.field_weights[name] / (1.0 - b + b * lengths[name] / averages[name])
            for term, padded in padded_terms.items():
                occurrences = text.count(padded)
                if occurrences:
                    pseudo_tf[term] = pseudo_tf.get(term, 0.0) + factor * occurrences
        if not pseudo_tf:
            continue
        score = covered = 0.0
        for term, tf in pseudo_tf.items():
            weight = analysed.weights[term] * idf[term]
            score += weight * tf * (k1 + 1.0) / (k1 + tf)
            if term not in associated:
                covered += weight
        bonus = 0.0
        for name in ("title", "body"):
            for a, b, padded in padded_pairs:
                if padded in fields[name]:
                    bonus += config.field_weights[name] * min(idf[a], idf[b])
        score += config.proximity_weight * bonus
        score *= 1.0 - config.coverage_weight + config.coverage_weight * (covered / total_weight)
        hits.append(Hit(int(object_id), score))
        texts[int(object_id)] = ((title or "").replace(" ", ""), body_text.replace(" ", ""))
    return hits, texts


def _meaning_of(meaning, analysed, associated, head):
    """{object id: (title cosine, body cosine)} of the query's own words (and readings, not the
    associated ones: what the resident meant) with each of the best hits."""
    if meaning is None:
        return {}
    typed = {term: weight for term, weight in analysed.weights.items() if term not in associated}
    return meaning.similarities(meaning.query_vector(typed), [hit.object_id for hit in head])


def bigrams(text):
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text} - {""}


def rerank(hits, texts, query_words, alike=None, config=None):
    """`hits` (best first) re-ordered by (1 - w)·word score + w·bigram score, each divided by its
    best value among `hits` (w = config.rerank_weight).

    The bigram score is BM25 of the query's character bigrams (its analysed words run together)
    in each hit's title and body (`config.rerank_fields` weights), with document frequencies and average
    lengths from `hits` themselves: what tells these candidates apart is what counts."""
    config = config or ranking_config()
    k1, rerank_b = config.k1, config.rerank_b
    grams = bigrams(query_words)
    if len(hits) < 2 or not (grams or alike):
        return hits
    count = len(hits)
    df = dict.fromkeys(grams, 0)
    for hit in hits:
        title, body = texts[hit.object_id]
        for gram in grams:
            if gram in title or gram in body:
                df[gram] += 1
    idf = {gram: math.log(1.0 + (count - n + 0.5) / (n + 0.5)) for gram, n in df.items() if n}
    meaning = _meaning_scores(alike or {}, [hit.object_id for hit in hits], config.meaning_title_share)
    if not idf and not meaning:
        return hits
    averages = [max(1.0, sum(len(texts[hit.object_id][i]) for hit in hits) / count) for i in (0, 1)]
    weights = [config.rerank_fields["title"], config.rerank_fields["body"]]
    similarity = {}
    for hit in hits:
        value = 0.0
        for position, text in enumerate(texts[hit.object_id]):
            norm = 1.0 - rerank_b + rerank_b * len(text) / averages[position]
            for gram, gram_idf in idf.items():
                tf = text.count(gram)
                if tf:
                    value += weights[position] * gram_idf * tf * (k1 + 1.0) / (tf + k1 * norm)
        similarity[hit.object_id] = value
    best_word = max(hit.score for hit in hits) or 1.0
    best_gram = max(similarity.values()) or 1.0
    meaning_weight = config.meaning_weight if meaning else 0.0
    word_weight = 1.0 - config.rerank_weight - meaning_weight
    fused = [
        Hit(
            hit.object_id,
            best_word
            * (
                word_weight * hit.score / best_word
                + config.rerank_weight * similarity[hit.object_id] / best_gram
                + meaning_weight * meaning.get(hit.object_id, 0.0)
            ),
        )
        for hit in hits
    ]
    fused.sort(key=lambda hit: (-hit.score, hit.object_id))
    return fused


def _meaning_scores(alike, object_ids, title_share=0.5):
    """{object id: 0…1}: the title/body cosine mix, scaled from the least to the most alike of the
    candidates (averaged word vectors are all somewhat alike: the spread is what tells them apart)."""
    if not alike:
        return {}
    mixed = {
        object_id: title_share * title + (1.0 - title_share) * body
        for object_id, (title, body) in alike.items()
    }
    low, high = min(mixed.values()), max(mixed.values())
    if high - low < 1e-6:
        return {}
    return {
        object_id: (mixed[object_id] - low) / (high - low) for object_id in object_ids if object_id in mixed
    }
