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


def test_question_match_ranks_above_body_match():
    index = make_faq_index()
    body_only = make_faq(
        index, "転入の手続き", "住民票の写しも必要になることがあります。手続きは市民課です。"
    )
    in_question = make_faq(index, "住民票の写しを取りたい", "市民課の窓口で申請してください。")
    assert [page.pk for page in api.search_faqs("住民票", index)] == [in_question.pk, body_only.pk]


def test_a_question_typed_as_a_sentence_does_not_need_every_word():
    index = make_faq_index()
    faq = make_faq(index, "犬の登録について", "犬を飼い始めたら30日以内に登録してください。")
    results = api.search_faqs("子犬をもらったのですが登録は必要ですか", index)
    assert results[0].pk == faq.pk


def test_more_of_the_query_ranks_higher():
    index = make_faq_index()
    one = make_faq(index, "保険証について", "健康保険の保険証をなくしたとき。")
    both = make_faq(index, "国民健康保険の保険証をなくした", "再発行の手続き。")
    assert [page.pk for page in api.search_faqs("国民健康保険 保険証 再発行", index)][:2] == [both.pk, one.pk]


def test_editors_synonyms_apply_to_queries():
    from search.models import SearchSynonym

    index = make_faq_index()
    faq = make_faq(index, "国民健康保険に加入したい", "退職したら14日以内に手続きしてください。")
    assert api.search_faqs("国保", index) == []
    SearchSynonym.objects.create(terms="国保、国民健康保険")
    assert [page.pk for page in api.search_faqs("国保", index)] == [faq.pk]


def test_drafts_and_other_indexes_are_not_searched():
    index = make_faq_index()
    other = make_faq_index(title="水道のよくある質問")
    make_faq(index, "粗大ごみの下書き", SODAI, live=False)
    make_faq(other, "水道の粗大ごみ", SODAI)
    assert api.search_faqs("粗大ごみ", index) == []


def test_site_search_stays_in_the_site_and_language():
    from wagtail.models import Locale

    from tests.search.factories import make_page, make_site

    home = make_site()
    page = make_page(home, "粗大ごみの出し方")
    other_site = make_site(hostname="other.test")
    make_page(other_site, "粗大ごみの出し方（別の市）")
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    assert [result.pk for result in api.search_site("粗大ごみ", home)] == [page.pk]


def test_english_pages_are_searchable_in_english():
    from wagtail.models import Locale

    index = make_faq_index(locale=Locale.objects.get(language_code="en"))
    faq = make_faq(index, "How do I put out bulky waste?", "Book a collection by phone.")
    assert [page.pk for page in api.search_faqs("bulky waste collection", index)] == [faq.pk]


def test_search_site_limit_and_slicing():
    from tests.search.factories import make_page, make_site

    home = make_site()
    for number in range(3):
        make_page(home, f"粗大ごみ{number}")
    assert len(api.search_site("粗大ごみ", home, limit=2)) == 2
    results = api.search_site("粗大ごみ", home)
    assert results.count() == 3 and len(results[1:3]) == 2


def test_a_word_added_by_an_edit_is_found_at_once():
    index = make_faq_index()
    faq = make_faq(index, "収集について", SODAI)
    assert api.search_faqs("臨時収集", index)[0].pk == faq.pk
    assert api.search_faqs("臨時", index) == []
    faq.title = "臨時収集について"
    faq.save()
    assert api.search_faqs("臨時", index)[0].pk == faq.pk


@pytest.mark.django_db
def test_editing_a_plain_page_keeps_the_faq_models_and_editing_a_faq_rebuilds_them():
    from wagtail.models import Page

    from search import engine
    from search.service import faq_model
    from tests.search.factories import make_faq, make_faq_index, make_page, tree_root

    index = make_faq_index()
    faq = make_faq(index, "犬の登録はどこでできますか", "市役所で登録できます。")
    page = make_page(tree_root(), "お知らせ")
    built, _types = engine.collection(faq_model())

    page.title = "お知らせ（更新）"
    page.save()
    assert engine.collection(faq_model())[0].stats is built.stats
    assert engine.collection(Page)[0].stats.df.get("更新")

    faq.title = "猫の登録はどこでできますか"
    faq.save()
    assert engine.collection(faq_model())[0].stats.df.get("猫") == 1


@pytest.mark.django_db
def test_warm_up_builds_the_faq_models_before_the_first_search(monkeypatch):
    from search import corpus, engine
    from tests.search.factories import make_faq, make_faq_index

    index = make_faq_index()
    make_faq(index, "犬の登録はどこでできますか", "市役所で登録できます。")
    engine.warm_up()
    built = []
    monkeypatch.setattr(corpus.models, "builder", lambda rows: built.append(rows))
    monkeypatch.setattr(engine.stats_models, "builder", lambda rows: built.append(rows))
    assert api.search_faqs("犬の登録", index)
    assert built == []
