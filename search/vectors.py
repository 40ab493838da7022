"""Word meaning for the search: chiVe word vectors, so that a resident's words find an answer that
uses other words for the same thing (引っ越し ≈ 転居, 亡くなる ≈ 死亡, 赤ちゃん ≈ 乳児).

The vectors are chiVe (Works Applications, trained on the National Institute for Japanese Language's
web corpus NWJC, Apache-2.0) as the `ja_ginza` package ships them: 480,000 words in 20,000 vectors
of 300 dimensions. Only its vocabulary files are read (numpy, msgpack): the GiNZA/spaCy pipeline is
not installed (pyproject.toml overrides its dependencies away).

Keys are the 64-bit MurmurHash2 (MurmurHash64A, seed 1) of the word in UTF-8, as spaCy stores them;
words are hashed when first looked up, so the 600,000-word string table is never loaded.

`SemanticModel` is built per index state from the entries' analysed words (as `search.corpus`):
one unit vector per entry for its title (a FAQ's question) and one for its body, each the
IDF-weighted mean of its words' vectors. Without `ja_ginza` every function here answers None and the
search ranks without meaning, as before.
"""

import glob
import importlib.util
import math
import os
import threading
from functools import lru_cache

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1
_KATAKANA = str.maketrans({chr(code): chr(code + 0x60) for code in range(0x3041, 0x3097)})


def murmurhash64a(data, seed=1):
    """MurmurHash64A (Austin Appleby), the hash spaCy keys its vectors with."""
    length = len(data)
    value = (seed ^ (length * _M)) & _MASK
    blocks = length // 8
    for i in range(blocks):
        k = int.from_bytes(data[8 * i : 8 * i + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        value ^= k
        value = (value * _M) & _MASK
    tail = data[8 * blocks :]
    if tail:
        value ^= int.from_bytes(tail, "little")
        value = (value * _M) & _MASK
    value ^= value >> 47
    value = (value * _M) & _MASK
    value ^= value >> 47
    return value


def vocabulary_dir():
    """The folder of ja_ginza's vectors, found without importing the package (that would import spaCy)."""
    if os.environ.get("SEARCH_WORD_VECTORS", "1") == "0":
        return None
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        found = sorted(glob.glob(os.path.join(location, "ja_ginza-*", "vocab")))
        if found:
            return found[-1]
    return None


class WordVectors:
    def __init__(self, folder):
        import msgpack
        import numpy

        with open(os.path.join(folder, "key2row"), "rb") as handle:
            key2row = msgpack.unpackb(handle.read(), strict_map_key=False)
        # Sorted arrays instead of the dict: 6 MB per process instead of about 60.
        self.keys = numpy.fromiter(key2row.keys(), dtype=numpy.uint64, count=len(key2row))
        rows = numpy.fromiter(key2row.values(), dtype=numpy.int32, count=len(key2row))
        del key2row
        order = numpy.argsort(self.keys)
        self.keys, self.key_rows = self.keys[order], rows[order]
        vectors = numpy.load(os.path.join(folder, "vectors"))
        norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
        self.unit = (vectors / numpy.maximum(norms, 1e-9)).astype(numpy.float32)
        self.numpy = numpy
        self.lock = threading.Lock()
        self.rows = {}

    def _lookup(self, form):
        key = self.numpy.uint64(murmurhash64a(form.encode("utf-8")))
        at = int(self.numpy.searchsorted(self.keys, key))
        if at < len(self.keys) and self.keys[at] == key:
            return int(self.key_rows[at])
        return None

    def row(self, term):
        """The vector row of an analysed word (UniDic lemma, kana folded to hiragana), or None."""
        with self.lock:
            if term in self.rows:
                return self.rows[term]
        found = None
        # Index words are hiragana where the text had katakana (まいなんば, the analyser drops a
        # trailing long-vowel mark): chiVe has マイナンバー.
        katakana = term.translate(_KATAKANA)
        for form in (term, katakana, katakana + "ー"):
            found = self._lookup(form)
            if found is not None:
                break
        with self.lock:
            if len(self.rows) > 200_000:
                self.rows.clear()
            self.rows[term] = found
        return found


_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def _vectors_at(folder):
    return WordVectors(folder)


def word_vectors():
    folder = vocabulary_dir()
    if folder is None:
        return None
    with _load_lock:
        return _vectors_at(folder)


class SemanticModel:
    """Unit vectors of every entry's title and body, rows in `ids` order."""

    def __init__(self, vectors, rows):
        import numpy

        self.vectors = vectors
        self.numpy = numpy
        entries = list(rows)
        df = {}
        for _object_id, title_terms, body_terms in entries:
            for term in set(title_terms) | set(body_terms):
                df[term] = df.get(term, 0) + 1
        total = max(1, len(entries))
        self.idf = {term: math.log(1.0 + (total - n + 0.5) / (n + 0.5)) for term, n in df.items()}
        self.default_idf = math.log(1.0 + (total + 0.5) / 0.5)
        self.ids = [int(object_id) for object_id, _t, _b in entries]
        self.position = {object_id: i for i, object_id in enumerate(self.ids)}
        width = vectors.unit.shape[1]
        self.titles = numpy.zeros((len(entries), width), dtype=numpy.float32)
        self.bodies = numpy.zeros((len(entries), width), dtype=numpy.float32)
        for i, (_object_id, title_terms, body_terms) in enumerate(entries):
            self.titles[i] = self._mean(dict.fromkeys(title_terms, 1.0), counts=title_terms)
            self.bodies[i] = self._mean(dict.fromkeys(body_terms, 1.0), counts=body_terms)

    def _mean(self, weights, counts=None):
        """Unit vector of Σ weight·(1 + log tf)·idf·vector over the words that have one (sub-linear
        tf: an answer that says 届出 ten times is not ten times about it)."""
        numpy = self.numpy
        frequency = {}
        for term in counts if counts is not None else weights:
            frequency[term] = frequency.get(term, 0) + 1
        rows, factors = [], []
        for term, weight in weights.items():
            row = self.vectors.row(term)
            if row is not None:
                rows.append(row)
                factors.append(
                    weight * (1.0 + math.log(frequency.get(term, 1))) * self.idf.get(term, self.default_idf)
                )
        if not rows:
            return numpy.zeros(self.vectors.unit.shape[1], dtype=numpy.float32)
        total = numpy.asarray(factors, dtype=numpy.float32) @ self.vectors.unit[rows]
        norm = float(numpy.linalg.norm(total))
        return total / norm if norm else total

    def query_vector(self, weights):
        """Unit vector of a query's analysed words ({term: weight}), None when none has a vector."""
        vector = self._mean(weights)
        return vector if float(self.numpy.abs(vector).sum()) else None

    def similarities(self, query_vector, object_ids):
        """{object id: (cosine with the title, cosine with the body)} for the entries known here."""
        rows = [self.position[i] for i in object_ids if i in self.position]
        if not rows or query_vector is None:
            return {}
        titles = self.titles[rows] @ query_vector
        bodies = self.bodies[rows] @ query_vector
        return {self.ids[row]: (float(t), float(b)) for row, t, b in zip(rows, titles, bodies, strict=True)}


def _build(rows):
    return SemanticModel(word_vectors(), rows)


def _models():
    from search.corpus import _Models

    return _Models(_build)


models = _models()
