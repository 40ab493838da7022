"""The search page: kinds, marked snippets, breadcrumbs, pagination, zero results, statistics."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQueryStat
from tests.search.factories import make_faq, make_faq_index, make_page, make_site

pytestmark = pytest.mark.django_db

HOST = "search.test"


@pytest.fixture
def site_home():
    home = make_site(HOST)
    section = make_page(home, "くらし")
    make_page(section, "粗大ごみの出し方")
    index = make_faq_index(parent=home)
    make_faq(index, "粗大ごみはどうやって出せばよいですか", "粗大ごみの収集日は毎月第二火曜日です。")
    return home


def get(client, **params):
    return client.get("/search/", params, HTTP_HOST=HOST)


def test_results_show_kind_title_breadcrumb_and_update(client, site_home):
    response = get(client, q="粗大ごみ")
    html = response.content.decode()
    assert response.status_code == 200
    assert "「粗大ごみ」の検索結果：2件" in html
    assert "よくある質問" in html and "ページ" in html
    assert "<mark>粗大ごみ</mark>の出し方" in html
    assert "くらし" in html  # breadcrumb of the page under くらし
    assert "更新日" in html


def test_snippet_marks_the_words_in_the_answer(client, site_home):
    html = get(client, q="収集日").content.decode()
    assert "<mark>収集日</mark>は毎月" in html


def test_filter_by_kind(client, site_home):
    html = get(client, q="粗大ごみ", kind="faq").content.decode()
    assert "はどうやって出せばよいですか" in html
    assert "</mark>の出し方</a>" not in html
    assert 'aria-current="page">よくある質問' in html


def test_pagination(client, site_home):
    for number in range(12):
        make_page(site_home, f"粗大ごみのお知らせ{number}")
    first = get(client, q="粗大ごみ").content.decode()
    second = get(client, q="粗大ごみ", page=2).content.decode()
    assert "14件中 1〜10件目" in first and 'rel="next"' in first
    assert "14件中 11〜14件目" in second and 'rel="prev"' in second


def test_zero_results_page_helps(client, site_home):
    html = get(client, q="存在しない言葉ぴよぴよ").content.decode()
    assert "お探しの情報が見つかりませんでした" in html
    assert "検索のヒント" in html
    assert "よく見られている質問" in html


def test_editor_promotion_is_shown_first(client, site_home):
    page = make_page(site_home, "ごみの出し方ガイド")
    SearchPromotion.objects.create(query=Query.get("粗大ごみ"), page=page, description="まずはこちら")
    html = get(client, q="粗大ごみ").content.decode()
    assert html.index("おすすめの情報") < html.index("検索結果：")
    assert "まずはこちら" in html


def test_other_sites_pages_are_not_listed(client, site_home):
    other = make_site("other.test")
    make_page(other, "粗大ごみ（別の市）")
    assert "別の市" not in get(client, q="粗大ごみ").content.decode()


def test_search_is_counted_without_personal_data(client, site_home):
    get(client, q="粗大ごみ　")
    get(client, q="粗大ごみ", page=2)  # paging is not a new search
    get(client, q="電話 0248-88-9121 ぴよぴよ")
    stats = {stat.query: stat for stat in SearchQueryStat.objects.all()}
    assert stats["粗大ごみ"].searches == 1 and stats["粗大ごみ"].last_result_count == 2
    masked = stats["電話 ＊ ぴよぴよ"]
    assert masked.zero_result_searches == 1
    field_names = {field.name for field in SearchQueryStat._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user", "session", "user_agent"}


def test_empty_and_bad_input_never_fails(client, site_home):
    assert get(client).status_code == 200
    assert get(client, q="<script>alert(1)</script>").status_code == 200
    assert "<script>alert(1)</script>" not in get(client, q="<script>alert(1)</script>").content.decode()
    assert get(client, q="粗大ごみ", page="abc", kind="nope").status_code == 200
    assert get(client, q="あ" * 5000).status_code == 200


def test_search_page_query_count_does_not_grow_with_results(client, site_home, django_assert_max_num_queries):
    for number in range(10):
        make_page(site_home, f"粗大ごみのページ{number}")
    get(client, q="粗大ごみ")  # warm caches (site root paths, synonyms)
    with django_assert_max_num_queries(40):
        get(client, q="粗大ごみ")


def test_suggestions_are_questions_and_titles(client, site_home):
    response = client.get("/search/suggest/", {"q": "粗大"}, HTTP_HOST=HOST)
    data = response.json()
    assert response.status_code == 200
    assert data["suggestions"][0] == {
        "title": "粗大ごみはどうやって出せばよいですか",
        "url": data["suggestions"][0]["url"],
        "kind": "よくある質問",
    }
    assert {item["title"] for item in data["suggestions"]} >= {"粗大ごみの出し方"}


def test_suggestions_from_kana_input(client, site_home):
    data = client.get("/search/suggest/", {"q": "そだいご"}, HTTP_HOST=HOST).json()
    assert "粗大ごみの出し方" in {item["title"] for item in data["suggestions"]}


def test_header_search_box_is_a_combobox_when_scripted(client, site_home):
    html = get(client, q="粗大ごみ").content.decode()
    assert 'role="search"' in html and 'id="site-search-listbox"' in html and 'role="listbox"' in html
    assert "search/suggest.js" in html
