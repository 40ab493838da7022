"""Japanese-aware text analysis shared by indexing, querying, highlighting and suggestions.

Index and query go through the same `analyze()`, so a word matches whatever way it is written:

- NFKC (full/half width, half-width katakana → katakana, circled 1 → 1), lower case;
- Japanese runs are split by MeCab (fugashi) with UniDic; each word becomes its UniDic lemma
  (語彙素: 出し → 出す, 子ども → 子供, ごみ/ゴミ → 塵, そだい → 粗大), katakana folded to hiragana,
  a trailing long-vowel mark dropped (コンピューター = コンピュータ);
- particles, auxiliaries, symbols and a short list of function words (する, ある, こと, ください …)
  are dropped, so a question typed as a sentence keeps only the words that carry meaning;
- Latin words are lower-cased with a light English stemmer; Chinese (zh-*) and Korean text is cut
  into character bigrams, which needs no dictionary and works for both.

Every token keeps its offsets in the original text, which is what highlighting (<mark>) uses.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cms.japanese import tagger

# Parts of speech (UniDic pos1) that carry no meaning of their own for search.
DROPPED_POS = {"助詞", "助動詞", "補助記号", "記号", "空白", "感動詞", "接続詞", "連体詞", "代名詞"}

# Function-like words by lemma: inflected helpers and phrasing of questions
# (「〜したいのですがどうすればいいですか」), not the topic of the question.
STOP_LEMMAS = {
    "為る",
    "有る",
    "居る",
    "成る",
    "良い",
    "下さる",
    "事",
    "物",
    "為",
    "様",
    "所",
    "積もり",
    "思う",
    "言う",
    "貰う",
    "呉れる",
    "頂く",
    "遣る",
    "仕舞う",
    "置く",
    "見る",
    "行く",
    "来る",
    "知る",
    "教える",
    "分かる",
    "如何",
    "どう",
    "こう",
    "そう",
    "ああ",
    "もう",
    "又",
    "未だ",
    "矢張り",
    "一寸",
    "御",
    "お",
    "ご",
    "等",
    "達",
}

# Weight of a query word by part of speech: nouns say what the question is about.
POS_WEIGHT = {
    "名詞": 1.0,
    "形状詞": 0.8,
    "動詞": 0.6,
    "形容詞": 0.6,
    "副詞": 0.3,
    "接頭辞": 0.4,
    "接尾辞": 0.5,
}

ENGLISH_STOPWORDS = set(
    """a an and are as at be by can do does for from have how i if in is it its me my of on or our
    please should so that the their there this to was we what when where which who will with would you
    your""".split()
)

HIRAGANA_OFFSET = ord("ぁ") - ord("ァ")
_KATAKANA_TO_HIRAGANA = {code: code + HIRAGANA_OFFSET for code in range(ord("ァ"), ord("ヶ") + 1)}

# Runs of one script family: Latin/digits, Hangul, or everything else (Japanese/Chinese).
_RUN_RE = re.compile(
    r"([0-9a-z][0-9a-z'._+\-]*[0-9a-z]|[0-9a-z])|([\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+)"
)
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN_CHARS_RE = re.compile(r"[^\w\u30fc]+")


@dataclass(frozen=True)
class Token:
    term: str  # normalised form stored in the index and compared at query time
    start: int  # offsets into the normalised text (same length as the original for almost all text)
    end: int
    weight: float = 1.0
    reading: str = ""  # hiragana reading (Japanese only), used by suggestions


def normalize(text):
    """NFKC and lower case: the form every comparison is made on."""
    return unicodedata.normalize("NFKC", text or "").lower()


def fold_kana(text):
    """Katakana → hiragana, so ゴミ, ごみ and half-width ゴミ are one word."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def _fold_term(term):
    term = fold_kana(normalize(term))
    if len(term) > 2 and term.endswith("ー"):
        term = term[:-1]  # コンピューター = コンピュータ (JIS Z 8301 allows both)
    return term


def stem_english(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_tagger = tagger  # the project's one tagger (cms.japanese), shared with the ふりがな tool


@dataclass(frozen=True)
class Word:
    """One MeCab word of Japanese text: what the index makes of it (`term`, None when dropped)."""

    surface: str
    start: int
    end: int
    pos: str
    kana: str  # katakana reading of the surface, "" when MeCab has none
    term: str | None
    weight: float


def japanese_words(text, offset=0):
    """Every MeCab word of `text` (normalised), with its index term or None for dropped words."""
    position = 0
    for word in _tagger()(text):
        surface = word.surface
        start = text.find(surface, position)
        if start < 0:
            start = position
        end = start + len(surface)
        position = end
        feature = word.feature
        pos = feature.pos1
        kana = getattr(feature, "kana", None) or ""
        kana = "" if kana == "*" else kana
        yield Word(
            surface,
            offset + start,
            offset + end,
            pos,
            kana,
            _word_term(surface, feature),
            POS_WEIGHT.get(pos, 0.5),
        )


def _word_term(surface, feature):
    pos = feature.pos1
    if pos in DROPPED_POS:
        return None
    lemma = getattr(feature, "lemma", None) or surface
    lemma = lemma.split("-", 1)[0] if "-" in lemma and not lemma.startswith("-") else lemma
    if lemma in STOP_LEMMAS or surface in STOP_LEMMAS:
        return None
    term = _fold_term(lemma)
    if not term or not _TOKEN_CHARS_RE.sub("", term):
        return None
    if pos == "名詞" and feature.pos2 == "数詞":
        term = _fold_term(surface)
    return term


def _japanese_tokens(text, offset):
    for word in japanese_words(text, offset):
        if word.term is None:
            continue
        reading = fold_kana(word.kana or word.surface)
        yield Token(word.term, word.start, word.end, word.weight, reading)


def _bigram_tokens(run, offset):
    if len(run) == 1:
        yield Token(run, offset, offset + 1, 1.0)
        return
    for i in range(len(run) - 1):
        yield Token(run[i : i + 2], offset + i, offset + i + 2, 1.0)


def _cjk_segment_tokens(text, offset, language):
    """Japanese (or Chinese) text without Latin/Hangul."""
    if language.startswith("zh"):
        for match in _HAN_RE.finditer(text):
            yield from _bigram_tokens(match.group(), offset + match.start())
        return
    if text.strip():
        yield from _japanese_tokens(text, offset)


def analyze(text, language="ja"):
    """Tokens of `text` in reading order (see the module docstring)."""
    text = normalize(text)
    language = (language or "ja").lower()
    tokens = []
    position = 0
    for match in _RUN_RE.finditer(text):
        if match.start() > position:
            tokens.extend(_cjk_segment_tokens(text[position : match.start()], position, language))
        latin, hangul = match.group(1), match.group(2)
        if latin:
            word = latin.strip("'._+-")
            if word and word not in ENGLISH_STOPWORDS:
                tokens.append(Token(stem_english(word), match.start(), match.end(), 1.0))
        elif hangul:
            tokens.extend(_bigram_tokens(hangul, match.start()))
        position = match.end()
    if position < len(text):
        tokens.extend(_cjk_segment_tokens(text[position:], position, language))
    return tokens


def index_text(text, language="ja"):
    """What the database index stores for `text`: normalised terms separated by spaces."""
    return " ".join(token.term for token in analyze(text, language))


@lru_cache(maxsize=2048)
def query_terms(query, language="ja"):
    """Distinct terms of a query with their weight (the highest a term gets), in query order."""
    weights = {}
    for token in analyze(query, language):
        weights[token.term] = max(weights.get(token.term, 0.0), token.weight)
    return tuple(weights.items())


def reading_key(text, language="ja"):
    """The whole text as one hiragana token (its reading), for as-you-type suggestions from kana input."""
    text = normalize(text)
    if language.startswith(("zh", "ko")):
        return ""
    parts = []
    for word in _tagger()(text):
        if word.feature.pos1 in {"補助記号", "記号", "空白"}:
            continue
        kana = getattr(word.feature, "kana", None)
        parts.append(fold_kana(kana if kana and kana != "*" else word.surface))
    return _TOKEN_CHARS_RE.sub("", "".join(parts))


def surface_key(text):
    """The whole text normalised, without spaces or symbols: prefix of what a visitor is typing."""
    return _TOKEN_CHARS_RE.sub("", fold_kana(normalize(text)))


# Romaji (Hepburn and kunrei, as residents type them on a phone without a Japanese keyboard) → hiragana.
_ROMAJI_SYLLABLES = {}
for _row, _kana in (
    ("", "あいうえお"),
    ("k", "かきくけこ"),
    ("s", "さしすせそ"),
    ("t", "たちつてと"),
    ("n", "なにぬねの"),
    ("h", "はひふへほ"),
    ("m", "まみむめも"),
    ("y", "や\0ゆ\0よ"),
    ("r", "らりるれろ"),
    ("w", "わ\0\0\0を"),
    ("g", "がぎぐげご"),
    ("z", "ざじずぜぞ"),
    ("d", "だぢづでど"),
    ("b", "ばびぶべぼ"),
    ("p", "ぱぴぷぺぽ"),
):
    for _vowel, _char in zip("aiueo", _kana, strict=True):
        if _char != "\0":
            _ROMAJI_SYLLABLES[_row + _vowel] = _char
_ROMAJI_SYLLABLES.update(
    {
        "shi": "し",
        "chi": "ち",
        "tsu": "つ",
        "fu": "ふ",
        "ji": "じ",
        "si": "し",
        "ti": "ち",
        "tu": "つ",
        "hu": "ふ",
    }
)
for _head, _kana in (
    ("ky", "き"), ("sh", "し"), ("sy", "し"), ("ch", "ち"), ("ty", "ち"), ("ny", "に"), ("hy", "ひ"),
    ("my", "み"), ("ry", "り"), ("gy", "ぎ"), ("j", "じ"), ("jy", "じ"), ("zy", "じ"), ("by", "び"), ("py", "ぴ"),
):  # fmt: skip
    for _vowel, _small in (("a", "ゃ"), ("u", "ゅ"), ("o", "ょ")):
        _ROMAJI_SYLLABLES[_head + _vowel] = _kana + _small
_ROMAJI_SYLLABLES["je"] = "じぇ"
_ROMAJI_SYLLABLES["she"] = "しぇ"
_ROMAJI_SYLLABLES["che"] = "ちぇ"


def romaji_to_hiragana(word):
    """Hiragana for a romaji word (kouki → こうき, tetsuzuki → てつずき), or "" when it is not romaji."""
    out, i = [], 0
    word = word.lower()
    while i < len(word):
        for size in (3, 2, 1):
            piece = word[i : i + size]
            if piece in _ROMAJI_SYLLABLES:
                out.append(_ROMAJI_SYLLABLES[piece])
                i += size
                break
        else:
            char = word[i]
            if char == "n" and (i + 1 == len(word) or word[i + 1] not in "aiueoy"):
                out.append("ん")
                i += 1
            elif char == "n" and word[i + 1 : i + 2] == "'":
                out.append("ん")
                i += 2
            elif char in "kstpgzdbhcfmrjw" and word[i + 1 : i + 2] == char:
                out.append("っ")  # doubled consonant: kitte → きって
                i += 1
            elif char == "m" and word[i + 1 : i + 2] in ("b", "p", "m"):
                out.append("ん")  # shimbun → しんぶん
                i += 1
            else:
                return ""
    return "".join(out)
