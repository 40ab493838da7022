"""Synonyms from Sudachi's dictionary: a resident's word finds the page that says it another way."""

import pytest

from search.api import search_faqs
from search.corpus import build
from tests.search.factories import make_faq, make_faq_index


def test_query_word_brings_the_pages_word_of_its_synonym_group():
    model = build([(1, ["転居", "届"], ["市民", "課"]), (2, ["塵", "収集"], ["日"])])
    assert "転居" in model.synonym_terms("来月引っ越しします", {"来月", "引っ越し"})


def test_pair_of_words_the_pages_write_side_by_side_is_looked_up_as_one_word():
    # 配偶者 is indexed as 配偶 者; 夫 shares its synonym group.
    rows = [(1, ["配偶", "者", "暴力"], ["配偶", "者", "相談"]), (2, ["配偶", "者"], ["控除"])]
    model = build(rows)
    assert set(model.synonym_terms("夫に暴力をふるわれます", {"夫", "暴力"})) == {"配偶", "者"}


def test_words_already_in_the_query_are_not_added():
    model = build([(1, ["転居", "届"], ["引っ越し"])])
    assert "転居" not in model.synonym_terms("転居届", {"転居", "届"})


@pytest.mark.django_db
def test_faq_that_says_it_another_way_is_found():
    index = make_faq_index()
    make_faq(
        index,
        "転居届はどこに出せばよいですか。",
        "市内で住所が変わったときは、市民課に転居届を出してください。",
    )
    make_faq(index, "粗大ごみの出し方", "粗大ごみは予約制です。")
    assert [page.title for page in search_faqs("引っ越ししました", index, limit=3)][:1] == [
        "転居届はどこに出せばよいですか。"
    ]
