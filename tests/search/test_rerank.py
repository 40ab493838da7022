"""The character-bigram re-ranking of the best candidates (search.engine.rerank)."""

import pytest

from search import engine
from search.engine import Hit, bigrams, rerank


def test_bigrams_of_short_and_empty_text():
    assert bigrams("住民票") == {"住民", "民票"}
    assert bigrams("票") == {"票"}
    assert bigrams("") == set()


def test_a_compound_written_as_separate_words_lifts_its_candidate():
    # Equal word scores: the title that spells the query's compound (転入届 = 転入 届) wins.
    texts = {1: ("犬登録", "犬登録市役所"), 2: ("転入届出す", "転入届市民課窓口")}
    hits = [Hit(1, 5.0), Hit(2, 5.0)]
    assert [hit.object_id for hit in rerank(hits, texts, "転入届")] == [2, 1]


def test_a_much_better_word_score_is_not_overturned():
    texts = {1: ("粗大塵収集", "粗大塵収集日"), 2: ("塵", "塵")}
    hits = [Hit(1, 10.0), Hit(2, 1.0)]
    assert [hit.object_id for hit in rerank(hits, texts, "粗大塵")] == [1, 2]


def test_nothing_to_compare_keeps_the_order():
    hits = [Hit(1, 2.0), Hit(2, 1.0)]
    assert rerank(hits, {1: ("", ""), 2: ("", "")}, "abc") == hits
    assert rerank(hits[:1], {1: ("abc", "")}, "abc") == hits[:1]


@pytest.mark.django_db
def test_the_baseline_does_not_rerank(monkeypatch):
    from search import api
    from tests.search.factories import make_faq, make_faq_index

    index = make_faq_index()
    make_faq(index, "犬の登録はどこでできますか", "市役所で登録できます。")
    calls = []
    monkeypatch.setattr(engine, "rerank", lambda hits, *args: calls.append(hits) or hits)
    assert api.search_faqs("犬の登録", index, config=engine.ranking_config(corpus_model=False))
    assert calls == []
    assert api.search_faqs("犬の登録", index)
    assert calls
