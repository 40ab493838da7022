"""Word vectors (search.vectors): a resident's word finds an answer that says the same with others."""

import pytest

from search import vectors
from search.api import search_faqs
from tests.search.factories import make_faq, make_faq_index

pytestmark = pytest.mark.django_db


def cosine(first, second):
    words = vectors.word_vectors()
    return float(words.unit[words.row(first)] @ words.unit[words.row(second)])


def test_words_of_the_same_meaning_are_near_and_others_far():
    # With a wrong hash every word would land on an unrelated vector: this fails.
    assert cosine("引っ越す", "転居") > 0.5
    assert cosine("引っ越す", "転居") > cosine("引っ越す", "印鑑") + 0.2


def test_kana_folded_index_words_find_their_katakana_vector():
    # The analyser folds マイナンバー to まいなんば (hiragana, no final long-vowel mark).
    words = vectors.word_vectors()
    assert words.row("まいなんば") is not None and words.row("まいなんば") == words.row("マイナンバー")


def test_answer_with_other_words_for_the_same_thing_ranks_first():
    index = make_faq_index()
    make_faq(
        index, "転居届の手続きについて", "市内で住所が変わったときは、14日以内に転居届を出してください。"
    )
    make_faq(index, "印鑑登録の手続きについて", "実印の登録は、本人が窓口で手続きしてください。")
    make_faq(index, "犬の登録の手続きについて", "犬を飼い始めたら、30日以内に登録の手続きをしてください。")
    # 引っ越し is in none of them: only its meaning tells the three 手続き apart.
    assert search_faqs("引っ越しの手続き", index, limit=3)[0].title == "転居届の手続きについて"


def test_without_the_vectors_the_search_still_answers(monkeypatch):
    monkeypatch.setenv("SEARCH_WORD_VECTORS", "0")
    index = make_faq_index()
    make_faq(index, "転居届の手続きについて", "市内で住所が変わったときは、転居届を出してください。")
    assert vectors.word_vectors() is None
    assert [page.title for page in search_faqs("転居の手続き", index)] == ["転居届の手続きについて"]
