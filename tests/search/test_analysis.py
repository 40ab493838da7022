"""Japanese-aware analysis: the same words however residents write them."""

import pytest

from search.analysis import analyze, index_text, query_terms, reading_key, surface_key


def terms(text, language="ja"):
    return [token.term for token in analyze(text, language)]


def test_compound_is_split_into_words():
    assert terms("粗大ごみの収集日") == terms("粗大 ごみ 収集 日")


@pytest.mark.parametrize("variant", ["ゴミ", "ｺﾞﾐ", "ごみ"])
def test_katakana_hiragana_and_half_width_are_one_word(variant):
    assert terms(variant) == terms("ごみ")


def test_long_vowel_mark_at_the_end_is_optional():
    assert terms("コンピューター") == terms("コンピュータ")


def test_inflected_verbs_meet_their_dictionary_form():
    assert "出す" in terms("出したい")
    assert terms("出したい") == terms("出します")


def test_particles_auxiliaries_and_question_phrasing_are_dropped():
    assert terms("粗大ごみを出したいのですがどうすればいいですか") == terms("粗大ごみ 出す")


def test_full_width_latin_and_digits_are_normalised():
    assert terms("ＡＥＤ　２０２６") == ["aed", "2026"]


def test_english_words_are_lower_cased_and_stemmed():
    assert terms("How do I renew My Number Cards?") == ["renew", "number", "card"]


def test_korean_is_cut_into_bigrams():
    assert terms("쓰레기 수거", "ko") == ["쓰레", "레기", "수거"]


def test_chinese_is_cut_into_bigrams():
    assert terms("垃圾回收", "zh-hans") == ["垃圾", "圾回", "回收"]


def test_token_offsets_point_into_the_text():
    text = "粗大ごみの出し方"
    token = next(token for token in analyze(text) if token.term == "粗大")
    assert text[token.start : token.end] == "粗大"


def test_index_text_is_space_separated_terms():
    assert index_text("粗大ごみを出す") == " ".join(terms("粗大ごみを出す"))


def test_query_terms_weight_nouns_above_verbs():
    weights = dict(query_terms("粗大ごみを出したい"))
    assert weights["粗大"] > weights["出す"]


def test_reading_key_and_surface_key_for_suggestions():
    assert reading_key("粗大ごみの出し方").startswith("そだいごみ")
    assert surface_key("粗大ゴミの 出し方") == "粗大ごみの出し方"


def test_overlapping_bigrams_of_a_korean_word_are_marked_as_one_word():
    from search.highlight import mark

    assert str(mark("쓰레기 배출 방법", {"쓰레", "레기"}, "ko")) == "<mark>쓰레기</mark> 배출 방법"
