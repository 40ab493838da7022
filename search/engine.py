"""Ranking for the embedded default: BM25F over the analysed index entries, the same on SQLite and PostgreSQL.

1. The query is analysed (`search.analysis.query_terms`) and expanded with the editors' synonyms.
2. The database finds the entries holding *any* of the terms (OR: a question typed as a sentence
   need not contain every word) within the scope (live pages of one Site and language, FAQs under
   one FAQ index …); FTS5 (SQLite) or a GIN-indexed tsvector (PostgreSQL) does that, ordered by its
   own rank, at most `CANDIDATES` entries.
3. Those entries are scored here with BM25F: a term in the title (a FAQ's question) counts
   `FIELD_WEIGHTS["title"]` times a term in the body, keywords in between; document frequencies
   come from the index of the searched models; query words are weighted by part of speech; a pair
   of query words found next to each other (粗大 ごみ) adds a proximity bonus; and entries that
   cover more of the query's weight rank above those matching one common word.
4. With the corpus model on, the best `RERANK_DEPTH` entries are re-ranked (`rerank`): BM25 over
   character bigrams of the analysed words run together (住民票 ≈ 住民 票, 転入届 ≈ 転入 届出),
   title and body, with bigram document frequencies from those candidates, fused linearly with
   the word score. Bigrams catch compounds and word variants that whole lemmas miss.
5. With word vectors installed (search.vectors), the re-ranking adds the similarity in meaning of
   the query and each candidate (引っ越し ≈ 転居): a resident's word need not be the city's word.
"""

import math
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from modelsearch.utils import get_descendants_content_types_pks

from search import corpus, vectors
from search.analysis import analyze
from search.backends.database import BODY_SECTION_SEPARATOR
from search.backends.index_store import IndexStore, index_version

FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "body": 1.0}
FIELD_B = {"title": 0.3, "keywords": 0.0, "body": 0.75}
K1 = 1.2
CANDIDATES = 300
PROXIMITY_WEIGHT = 0.4
COVERAGE_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.8
# Weight of the pages' words for a query word's Sudachi synonym group (search.thesaurus), of the
# query word's own weight.
THESAURUS_WEIGHT = 0.5
MAX_QUERY_TERMS = 32
COMMON_FRACTION = 0.3
# What the corpus model adds (search.corpus). Associated words weigh this much of the query word
# that brought them, at most MAX_ASSOCIATED per query; they score but do not find candidates.
ASSOCIATION_WEIGHT = 0.15
MAX_ASSOCIATED = 4
# Re-ranking of the best candidates by character bigrams (see `rerank`): the share of the bigram
# score in the fused score, and the weight of each field in the bigram score.
RERANK_DEPTH = 40
RERANK_WEIGHT = 0.2
RERANK_FIELDS = {"title": 1.0, "body": 0.5}
RERANK_B = 0.75
# Meaning (search.vectors): the share of the similarity of word vectors in the re-ranking, and how
# much of it the title (a FAQ's question) makes. (Adding the entries nearest in meaning as candidates
# changed one development query in 330: not done, a result must share a word with the query.)
MEANING_WEIGHT = 0.3
MEANING_TITLE_SHARE = 0.5


def corpus_model_enabled():
    """SEARCH_CORPUS_MODEL=0 turns readings and associations off: the plain BM25F baseline that
    `search_eval --baseline` measures against."""
    return os.environ.get("SEARCH_CORPUS_MODEL", "1") != "0"


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


def analyse_query(query, language="ja", synonyms=None):
    """Terms of the query with weights, expanded by synonym groups (lists of term tuples)."""
    tokens = analyze(query, language)
    sequence = [token.term for token in tokens][:MAX_QUERY_TERMS]
    weights = {}
    for token in tokens[:MAX_QUERY_TERMS]:
        weights[token.term] = max(weights.get(token.term, 0.0), token.weight)
    for group in synonyms or ():
        present = [variant for variant in group if variant and _contains(sequence, variant)]
        if not present:
            continue
        base = max(max(weights.get(term, 0.0) for term in variant) for variant in present)
        for variant in group:
            if variant in present:
                continue
            share = SYNONYM_WEIGHT * base / math.sqrt(len(variant))
            for term in variant:
                weights[term] = max(weights.get(term, 0.0), share)
    return AnalysedQuery(weights, sequence, query)


def expand(analysed, model):
    """The query with what the corpus model adds: known words for kana/misspelt spans (full weight,
    they are what the resident typed) and associated answer words (small weight, scoring only).
    Returns (query, association terms)."""
    weights = dict(analysed.weights)
    sequence = list(analysed.sequence)
    if not corpus_model_enabled():
        return analysed, set()
    if analysed.text:
        for term in model.reading_terms(analysed.text):
            if weights.get(term, 0.0) < corpus.READING_WEIGHT:
                weights[term] = corpus.READING_WEIGHT
            sequence.append(term)
        if THESAURUS_WEIGHT:
            for term, share in model.synonym_terms(analysed.text, weights).items():
                weights[term] = max(weights.get(term, 0.0), THESAURUS_WEIGHT * share)
    associated = {}
    if ASSOCIATION_WEIGHT:
        for term, weight in weights.items():
            for partner, strength in model.associated(term):
                if partner not in weights:
                    share = ASSOCIATION_WEIGHT * weight * strength
                    associated[partner] = max(associated.get(partner, 0.0), share)
    if len(associated) > MAX_ASSOCIATED:
        associated = dict(sorted(associated.items(), key=lambda item: -item[1])[:MAX_ASSOCIATED])
    weights.update(associated)
    return AnalysedQuery(weights, sequence, analysed.text), set(associated)


def _contains(sequence, variant):
    size = len(variant)
    return any(tuple(sequence[i : i + size]) == variant for i in range(len(sequence) - size + 1))


class _Stats:
    """Collection statistics per searched model, cached until the index gains or loses entries."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()

    def get(self, key):
        with self.lock:
            return self.entries.get(key)

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > 64:
                self.entries.popitem(last=False)


_stats_cache = _Stats()


def rank(model, scope_queryset, query, language="ja", synonyms=None, limit=None):
    """Hits (object id, score) of `model` objects in `scope_queryset` for `query`, best first."""
    analysed = query if isinstance(query, AnalysedQuery) else analyse_query(query, language, synonyms)
    if not analysed:
        return []
    vendor = IndexStore.for_reading()
    content_type_ids = sorted(get_descendants_content_types_pks(model))
    if not content_type_ids:
        return []

    count, max_id = vendor.snapshot(content_type_ids)
    cache_key = (vendor.connection.alias, tuple(content_type_ids), count, max_id, index_version())
    query_words = "".join(analysed.sequence)  # before expansion: what the resident typed
    meaning = None
    if corpus_model_enabled():
        entries = []

        def load_entries():  # read once for both models when both are built
            if not entries:
                entries.extend(vendor.entry_terms(content_type_ids))
            return entries

        model_of_corpus = corpus.models.get(cache_key, load_entries)
        analysed, associated = expand(analysed, model_of_corpus)
        if MEANING_WEIGHT and vectors.word_vectors() is not None:
            meaning = vectors.models.get(cache_key, load_entries)
    else:
        associated = set()
    terms = sorted(analysed.weights)
    cached = _stats_cache.get(cache_key) or {}
    if "\x00lengths" not in cached:
        cached = {**cached, "\x00lengths": vendor.average_lengths(content_type_ids)}
    missing = [term for term in terms if term not in cached]
    fresh = vendor.document_frequencies(missing, content_type_ids) if missing else {}
    # Zero counts are not kept: a word an editor adds to a page later must be found at once.
    cached = {**cached, **{term: df for term, df in fresh.items() if df > 0}}
    _stats_cache.put(cache_key, cached)
    cached = {**cached, **fresh}
    avg_title, avg_body = cached["\x00lengths"]
    total = max(count, max((cached.get(term, 0) for term in terms), default=0))
    idf = {
        term: math.log(1.0 + (total - cached.get(term, 0) + 0.5) / (cached.get(term, 0) + 0.5))
        for term in terms
    }
    averages = {"title": avg_title, "keywords": 1.0, "body": avg_body}

    present = [term for term in terms if cached.get(term, 0) > 0]
    if not present:
        return []
    # Words in most entries of a large index rank but need not find candidates: alone they would
    # fill the candidate pool with entries that match nothing else.
    finding = [
        term
        for term in present
        if cached[term] <= max(COMMON_FRACTION * total, CANDIDATES) and term not in associated
    ] or present
    rows = vendor.candidates(finding, content_type_ids, scope_queryset, CANDIDATES)
    if not rows:
        return []

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
    hits = []
    texts = {}  # object id -> (title, body) words run together, for the re-ranking
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
            norm = 1.0 - FIELD_B[name] + FIELD_B[name] * lengths[name] / averages[name]
            factor = FIELD_WEIGHTS[name] / norm
            for term, padded in padded_terms.items():
                occurrences = text.count(padded)
                if occurrences:
                    pseudo_tf[term] = pseudo_tf.get(term, 0.0) + factor * occurrences
        if not pseudo_tf:
            continue
        score = 0.0
        covered = 0.0
        for term, tf in pseudo_tf.items():
            weight = analysed.weights[term] * idf[term]
            score += weight * tf * (K1 + 1.0) / (K1 + tf)
            if term not in associated:
                covered += weight
        if padded_pairs:
            bonus = 0.0
            for name in ("title", "body"):
                text = fields[name]
                for a, b, padded in padded_pairs:
                    if padded in text:
                        bonus += FIELD_WEIGHTS[name] * min(idf[a], idf[b])
            score += PROXIMITY_WEIGHT * bonus
        score *= 1.0 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * (covered / total_weight)
        hits.append(Hit(int(object_id), score))
        texts[int(object_id)] = ((title or "").replace(" ", ""), body_text.replace(" ", ""))

    hits.sort(key=lambda hit: (-hit.score, hit.object_id))
    if corpus_model_enabled() and (RERANK_WEIGHT or meaning is not None):
        head = hits[:RERANK_DEPTH]
        alike = {}
        if meaning is not None:
            # The query's own words (and readings), not the associated ones: what the resident meant.
            typed = {term: weight for term, weight in analysed.weights.items() if term not in associated}
            alike = meaning.similarities(meaning.query_vector(typed), [hit.object_id for hit in head])
        hits = rerank(head, texts, query_words, alike) + hits[RERANK_DEPTH:]
    return hits[:limit] if limit else hits


def bigrams(text):
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text} - {""}


def rerank(hits, texts, query_words, alike=None):
    """`hits` (best first) re-ordered by (1 - w)·word score + w·bigram score, each divided by its
    best value among `hits` (w = RERANK_WEIGHT).

    The bigram score is BM25 of the query's character bigrams (its analysed words run together)
    in each hit's title and body (`RERANK_FIELDS` weights), with document frequencies and average
    lengths from `hits` themselves: what tells these candidates apart is what counts."""
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
    meaning = _meaning_scores(alike or {}, [hit.object_id for hit in hits])
    if not idf and not meaning:
        return hits
    averages = [max(1.0, sum(len(texts[hit.object_id][i]) for hit in hits) / count) for i in (0, 1)]
    weights = list(RERANK_FIELDS.values())
    similarity = {}
    for hit in hits:
        value = 0.0
        for position, text in enumerate(texts[hit.object_id]):
            norm = 1.0 - RERANK_B + RERANK_B * len(text) / averages[position]
            for gram, gram_idf in idf.items():
                tf = text.count(gram)
                if tf:
                    value += weights[position] * gram_idf * tf * (K1 + 1.0) / (tf + K1 * norm)
        similarity[hit.object_id] = value
    best_word = max(hit.score for hit in hits) or 1.0
    best_gram = max(similarity.values()) or 1.0
    meaning_weight = MEANING_WEIGHT if meaning else 0.0
    word_weight = 1.0 - RERANK_WEIGHT - meaning_weight
    fused = [
        Hit(
            hit.object_id,
            best_word
            * (
                word_weight * hit.score / best_word
                + RERANK_WEIGHT * similarity[hit.object_id] / best_gram
                + meaning_weight * meaning.get(hit.object_id, 0.0)
            ),
        )
        for hit in hits
    ]
    fused.sort(key=lambda hit: (-hit.score, hit.object_id))
    return fused


def _meaning_scores(alike, object_ids):
    """{object id: 0…1}: the title/body cosine mix, scaled from the least to the most alike of the
    candidates (averaged word vectors are all somewhat alike: the spread is what tells them apart)."""
    if not alike:
        return {}
    mixed = {
        object_id: MEANING_TITLE_SHARE * title + (1.0 - MEANING_TITLE_SHARE) * body
        for object_id, (title, body) in alike.items()
    }
    low, high = min(mixed.values()), max(mixed.values())
    if high - low < 1e-6:
        return {}
    return {object_id: (mixed[object_id] - low) / (high - low) for object_id in object_ids if object_id in mixed}
