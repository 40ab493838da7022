"""What the search learns from the pages it searches (no dictionary or model of one city).

Built from the index entries of the searched models (a FAQ's question is its entry's title, the
answer its body), once per index state, in this process:

- **vocabulary and readings**: every indexed word with its kana reading (戸籍 → こせき, 付票 → ふひょう,
  マイナンバー → まいなんばー). A query typed in kana that MeCab cannot split into known words
  (こせきとうほん → 小/咳…, まいなんばー → まー/否む…) is re-segmented against the readings of the
  words the site actually uses (こせき|とうほん → 戸籍 謄本). The same catches kanji typed wrongly
  with the right sound (戸藉謄本): a word the index does not know is read aloud and re-segmented.
- **term associations** (a translation model in the sense of Xue, Jeon & Croft, SIGIR 2008, estimated
  from the site's own question ↔ answer pairs): how often a word of a question is answered with a
  given word of the answer, beyond chance. A resident's word that FAQs ask with (引っ越す) then also
  finds the words their answers use (転入, 転出), with a small weight.

Everything here is learned from the corpus being searched, so it carries over to another city's FAQs.
"""

import math
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field

from search import thesaurus
from search.analysis import _HAN_RE, fold_kana, japanese_words, normalize, romaji_to_hiragana

# Association: the answer word must follow the question word this many times …
ASSOCIATION_MIN_PAIRS = 2
# … be this many times likelier in the answers of those FAQs than in all entries (lift) …
ASSOCIATION_MIN_LIFT = 3.0
# … and the strongest few are kept per question word.
ASSOCIATION_PER_TERM = 6
# Reading segments shorter than this are not trusted (き, の …).
MIN_READING = 2
# A re-segmented kana span must be covered this much by known readings.
MIN_READING_COVERAGE = 0.6
# A pair of words written side by side this often is read as one word too (see build).
COMPOUND_MIN_COUNT = 2
# Words sharing a reading that are weighed against the neighbouring words (see CorpusModel._spell).
HOMOPHONES = 10


_LATIN_WORD_RE = re.compile(r"[a-z]{3,}")
# A word typed in kana alone, between spaces or punctuation (すいどう こうじ, ソダイゴミ): read as a whole
# even when MeCab splits it into known words (すい|どう, ぎょう|しゃ).
_KANA_CHUNK_RE = re.compile(r"(?<![\wー])[ぁ-ゟァ-ヺー]{3,}(?![\wー])")
_SOUND_FOLD = str.maketrans({"ぢ": "じ", "づ": "ず", "ー": None})


def reading_key(kana):
    """Readings compared without long-vowel marks and with ぢ/じ, づ/ず as one (as romaji writes them)."""
    return fold_kana(kana).translate(_SOUND_FOLD)


def reading_of(term):
    """The hiragana reading of an indexed word, without long-vowel marks (the key readings are compared on)."""
    if all("\u3041" <= ch <= "\u309f" or ch == "ー" for ch in term):
        return reading_key(term)
    parts = []
    for word in japanese_words(term):
        kana = word.kana
        if not kana:
            return ""
        parts.append(kana)
    return reading_key("".join(parts))


def _is_kana(text):
    return bool(text) and all(
        "\u3041" <= ch <= "\u309f" or "\u30a1" <= ch <= "\u30fa" or ch == "ー" for ch in text
    )


def _function_spans(reading):
    """(start, end) of what MeCab reads as particles and auxiliaries in a kana string."""
    spans, position = [], 0
    for word in japanese_words(reading):
        size = len(reading_key(word.surface))
        if word.pos in ("助詞", "助動詞"):
            spans.append((position, position + size))
        position += size
    return spans


@dataclass
class CorpusModel:
    entries: int = 0
    df: dict = field(default_factory=dict)  # term -> entries holding it (title or body)
    readings: dict = field(default_factory=dict)  # reading -> [terms], most frequent first
    associations: dict = field(default_factory=dict)  # question term -> [(answer term, strength)]
    adjacent: Counter = field(default_factory=Counter)  # (term, next term) -> times seen in the entries
    synonyms: dict = field(default_factory=dict)  # Sudachi synonym group -> (variant term tuples)

    # --- kana and misspelt words -------------------------------------------------------------

    def segment_reading(self, reading):
        """Known words spelling `reading` (hiragana), most of it covered first, then longest words;
        [] when too little is covered. A piece that only spells what MeCab reads as a particle or an
        auxiliary (the たい of つくりたい) is left out."""
        reading = reading_key(reading)
        size = len(reading)
        if size < MIN_READING + 1:
            return []
        # best[i]: (characters covered, sum of squared piece lengths, ((start, piece), …)) for
        # reading[:i]; squares prefer long words among covers of the same length.
        best = [(0, 0, ())] + [(-1, 0, ())] * size
        longest = min(size, 12)
        for end in range(1, size + 1):
            candidate = best[end - 1]
            for start in range(max(0, end - longest), end - MIN_READING + 1):
                piece = reading[start:end]
                before = best[start]
                if piece in self.readings and before[0] >= 0:
                    score = (before[0] + len(piece), before[1] + len(piece) ** 2)
                    if score > candidate[:2]:
                        candidate = (*score, (*before[2], (start, piece)))
            best[end] = candidate
        covered, _squares, placed = best[size]
        if covered < MIN_READING_COVERAGE * size:
            return []
        function = _function_spans(reading)
        pieces = [
            piece
            for start, piece in placed
            if not any(low <= start and start + len(piece) <= high for low, high in function)
        ]
        # A pair read together ("図書 館") is its two words.
        return [term for word in self._spell(pieces) for term in word.split(" ")] if pieces else []

    def _spell(self, pieces):
        """The words for consecutive readings: of the words sharing a reading (ほうしん: 方針, 疱疹),
        the one the entries write next to its neighbours' words (帯状 疱疹), else the most common."""
        choices = [self.readings[piece][:HOMOPHONES] for piece in pieces]
        words = [options[0] for options in choices]
        for i, options in enumerate(choices):
            if len(options) < 2:
                continue

            following = choices[i + 1] if i + 1 < len(choices) else ()

            def together(term, i=i, following=following):
                before = self.adjacent.get((words[i - 1], term), 0) if i else 0
                after = max((self.adjacent.get((term, nxt), 0) for nxt in following), default=0)
                return before + after

            best = max(options, key=together)
            if together(best) > 0:
                words[i] = best
        return words

    def reading_terms(self, text):
        """Indexed words for the kana (or misspelt) stretches of a query that the index does not know."""
        found = []
        spans = self._suspect_spans(text)
        for chunk in _KANA_CHUNK_RE.findall(normalize(text)):
            key = fold_kana(chunk)
            if key not in spans:
                spans.append(key)
        # A romaji word the index does not know (tenshutsu, kouki koureisha) is read as kana, and
        # the kana as MeCab reads it (ごみ → 塵, where the index has ごみ as 塵).
        for word in _LATIN_WORD_RE.findall(normalize(text)):
            if word not in self.df:
                kana = romaji_to_hiragana(word)
                if kana:
                    spans.append(kana)
                    for known in japanese_words(kana):
                        if (
                            known.term
                            and known.term in self.df
                            and len(known.surface) >= 2
                            and known.term not in found
                        ):
                            found.append(known.term)
        for span in spans:
            for term in self.segment_reading(span):
                if term not in found:
                    found.append(term)
        return found

    def _suspect_spans(self, text):
        """Readings of runs of kana or unknown words that hold at least one word the index lacks."""
        spans, current, suspect, position = [], [], False, None
        for word in japanese_words(normalize(text)):
            known_kanji = not _is_kana(word.surface) and (
                word.term is None or word.term in self.df or not _HAN_RE.search(word.surface)
            )
            contiguous = position is None or word.start == position
            if known_kanji or not contiguous:
                if current and suspect:
                    spans.append("".join(current))
                current, suspect = [], False
            position = word.end
            if known_kanji:
                continue
            # Kana as typed (MeCab reads かーど as かあど); kanji by their reading.
            current.append(fold_kana(word.surface if _is_kana(word.surface) else (word.kana or word.surface)))
            if word.pos == "感動詞" or (word.term is not None and word.term not in self.df):
                suspect = True
        if current and suspect:
            spans.append("".join(current))
        return spans

    # --- synonyms ------------------------------------------------------------------------------

    def synonym_terms(self, text, present):
        """{term: weight} of the pages' words for the Sudachi synonym groups of the query's words
        (`present`: the query's terms, not added again). A variant of several words shares its weight."""
        found = {}
        for group, weight in thesaurus.query_groups(normalize(text)):
            for variant in self.synonyms.get(group, ()):
                if all(term in present for term in variant):
                    continue
                share = weight / math.sqrt(len(variant))
                for term in variant:
                    if term not in present:
                        found[term] = max(found.get(term, 0.0), share)
        return found

    # --- associations ------------------------------------------------------------------------

    def associated(self, term):
        return self.associations.get(term, ())


def build(rows):
    """A CorpusModel from (object id, title terms, body terms) of every entry."""
    df = Counter()
    title_df = Counter()
    pairs = defaultdict(Counter)
    adjacent = Counter()
    documents = 0
    for _object_id, title_terms, body_terms in rows:
        documents += 1
        for terms in (title_terms, body_terms):
            adjacent.update(zip(terms, terms[1:], strict=False))
        question = set(title_terms)
        whole = question | set(body_terms)
        df.update(whole)
        title_df.update(question)
        if len(question) > 40:  # a long title is a page, not a question: it teaches no pairs
            continue
        for asked in question:
            pairs[asked].update(whole - {asked})
    readings = defaultdict(list)
    for term in sorted(df, key=lambda t: -df[t]):
        if len(term) > 12:
            continue
        reading = reading_of(term)
        if len(reading) >= MIN_READING:
            readings[reading].append(term)
    # Words the pages write side by side are also read together: a kanji read alone is often read
    # otherwise (館 alone is やかた, 図書館 is としょかん). The pair is one entry, "図書 館".
    compounds = [
        (pair, count)
        for pair, count in adjacent.items()
        if count >= COMPOUND_MIN_COUNT
        and len(pair[0]) + len(pair[1]) <= 12
        and _HAN_RE.search(pair[0])
        and _HAN_RE.search(pair[1])
    ]
    for (first, second), _count in sorted(compounds, key=lambda item: -item[1]):
        reading = reading_of(first + second)
        if len(reading) > MIN_READING and f"{first} {second}" not in readings[reading]:
            readings[reading].append(f"{first} {second}")
    associations = {}
    for asked, partners in pairs.items():
        asked_count = title_df[asked]
        if asked_count < ASSOCIATION_MIN_PAIRS:
            continue
        scored = []
        for partner, together in partners.items():
            if together < ASSOCIATION_MIN_PAIRS or partner.isdigit():
                continue
            conditional = together / asked_count
            lift = conditional / (df[partner] / documents)
            if lift >= ASSOCIATION_MIN_LIFT:
                scored.append((partner, conditional * math.log(lift)))
        scored.sort(key=lambda item: -item[1])
        if scored:
            top = scored[0][1]
            associations[asked] = tuple(
                (partner, strength / top) for partner, strength in scored[:ASSOCIATION_PER_TERM]
            )
    synonyms = thesaurus.groups_of_corpus(df, adjacent)
    return CorpusModel(documents, dict(df), dict(readings), associations, adjacent, synonyms)


class _Models:
    """Models built from the index entries, per searched model and index state (entries count,
    highest id): corpus models here, meaning models in search.vectors."""

    def __init__(self, builder=None):
        self.builder = builder or build
        self.lock = threading.Lock()
        self.building = threading.Lock()
        self.models = OrderedDict()

    def get(self, key, load_rows):
        with self.lock:
            if key in self.models:
                return self.models[key]
        with self.building:  # one build at a time: a second thread waits for it instead of repeating it
            with self.lock:
                if key in self.models:
                    return self.models[key]
            model = self.builder(load_rows())
            with self.lock:
                # Only the newest state of each searched model is kept.
                for old in [k for k in self.models if k[:2] == key[:2]]:
                    del self.models[old]
                self.models[key] = model
                while len(self.models) > 16:
                    self.models.popitem(last=False)
            return model


models = _Models()
