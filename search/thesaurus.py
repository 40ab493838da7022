"""Synonyms from Sudachi's dictionary (SudachiDict, Works Applications, Apache-2.0), general Japanese,
not one city's words: 引っ越し = 転居, 保育園 = 保育所, 亡くなる = 死亡, 税金 = 税.

SudachiDict gives many of its words a synonym group (同義語グループ); words of one group mean the same.
The words compared are those the searched pages use: each indexed word, and each pair of indexed
words the pages write side by side (保育 所 → 保育所), is looked up once per index state, and the
groups that hold at least one of them are kept (`groups_of_corpus`). A query's words are looked up
as the resident typed them (`query_groups`); a group found in both adds the pages' words for it.

Without sudachipy and sudachidict_core installed every function here answers nothing and the search
works as before.
"""

import re
import threading
from functools import lru_cache

# A pair of indexed words is looked up as one word only if it is written this often in the pages
# (rarer pairs are mostly chance neighbours, and looking up every pair would slow the build).
MIN_PAIR_COUNT = 2
# Parts of speech whose synonyms are worth adding (Sudachi's first POS level).
CONTENT_POS = {"名詞": 1.0, "動詞": 0.6, "形容詞": 0.6, "形状詞": 0.8}

# A query is looked up up to this many characters (a pasted letter needs no more for synonyms).
MAX_TEXT = 1000
_CONTENT_RE = re.compile(r"[\u3400-\u9fff\u30a1-\u30fa\uf900-\ufaff]")
_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary():
    try:
        from sudachipy import Dictionary
    except ImportError:
        return None
    try:
        return Dictionary(dict="core")
    except Exception:  # noqa: BLE001 - sudachipy without its dictionary: search without synonyms
        return None


def _tokenize(text):
    """Sudachi morphemes of `text` in its longest units (mode C), [] without Sudachi."""
    dictionary = _dictionary()
    if dictionary is None or not text:
        return []
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:  # a tokenizer is not shared between threads
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = dictionary.tokenizer(mode=SplitMode.C)
    try:
        return list(tokenizer.tokenize(text[:MAX_TEXT]))
    except Exception:  # noqa: BLE001 - text Sudachi refuses: no synonyms rather than a failed search
        return []


def available():
    return _dictionary() is not None


def _groups_of_word(text):
    morphemes = _tokenize(text)
    if len(morphemes) != 1:
        return ()
    return tuple(morphemes[0].synonym_group_ids())


def groups_of_corpus(terms, adjacent):
    """{group id: (variant, …)}, each variant a tuple of indexed words, for the groups that the
    indexed words `terms` and the pairs of words written side by side (`adjacent`: {(a, b): count})
    belong to."""
    if not available():
        return {}
    groups = {}
    for term in terms:
        if len(term) < 2 and not _CONTENT_RE.search(term):
            continue
        for group in _groups_of_word(term):
            groups.setdefault(group, set()).add((term,))
    for (first, second), count in adjacent.items():
        if count < MIN_PAIR_COUNT or not (_CONTENT_RE.search(first) and _CONTENT_RE.search(second)):
            continue
        for group in _groups_of_word(first + second):
            groups.setdefault(group, set()).add((first, second))
    return {group: tuple(sorted(variants)) for group, variants in groups.items()}


def query_groups(text):
    """[(group id, weight)] of the words of a query, weighted by part of speech."""
    found = []
    for morpheme in _tokenize(text):
        weight = CONTENT_POS.get(morpheme.part_of_speech()[0])
        if weight is None:
            continue
        for group in morpheme.synonym_group_ids():
            found.append((group, weight))
    return found
