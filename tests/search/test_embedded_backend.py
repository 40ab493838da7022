"""The embedded default (Wagtail's database backend with Japanese analysis) finds Japanese words."""

import pytest
from wagtail.models import Page

from search import api
from tests.search.factories import make_faq, make_faq_index

pytestmark = pytest.mark.django_db

SODAI = "粗大ごみの収集日は毎月第二火曜日です"


@pytest.fixture
def sodai_faq():
    index = make_faq_index()
    make_faq(
        index, "犬の登録はどこでできますか", "狂犬病予防法により、生後91日以上の犬は市役所で登録が必要です。"
    )
    faq = make_faq(index, "収集について", SODAI)
    return index, faq


@pytest.mark.parametrize(
    "query",
    ["粗大ごみ", "収集日", "収集", "火曜日", "ゴミ", "ｺﾞﾐ", "粗大ごみを出したいのですがどうすればいいですか"],
)
def test_words_inside_japanese_text_are_found_first(sodai_faq, query):
    index, faq = sodai_faq
    assert api.search_faqs(query, index)[0].pk == faq.pk


@pytest.mark.parametrize(
    "query", ["粗大ごみ", "収集日", "ゴミ", "粗大ごみを出したいのですがどうすればいいですか"]
)
def test_site_search_finds_the_page(sodai_faq, query):
    index, faq = sodai_faq
    results = api.search_site(query, Page.get_first_root_node())
    assert results[0].pk == faq.pk


def test_wagtail_search_api_is_japanese_aware_too(sodai_faq):
    _index, faq = sodai_faq
    assert list(Page.objects.search("粗大ごみ")) == [faq.page_ptr]


def test_words_that_are_not_there_find_nothing(sodai_faq):
    index, _faq = sodai_faq
    assert api.search_faqs("住民票", index) == []


def test_particles_alone_find_nothing(sodai_faq):
    index, _faq = sodai_faq
    assert api.search_faqs("のは", index) == []
