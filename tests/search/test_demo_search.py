"""What a resident or a visitor types finds the seeded demo's pages (no browser here)."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.demo


def result_titles(path, query):
    response = Client(HTTP_HOST="localhost").get(path, {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text("", strip=True) for link in soup.select("main ol li h2 a, main ol li h3 a")]


@pytest.mark.parametrize(
    ("query", "word"),
    [("こせきとうほん", "戸籍"), ("まいなんばー", "マイナンバー"), ("そだいごみ", "粗大ごみ")],
)
def test_kana_query_finds_the_kanji_page_in_the_top_three(seeded_demo, demo_db, query, word):
    assert any(word in title for title in result_titles("/search/", query)[:3])


def test_garbage_on_the_english_search_page_finds_english_content(seeded_demo, demo_db):
    # The English pages say "rubbish"; the demo's synonyms (検索の同義語) join the American word.
    assert "For residents from abroad" in result_titles("/en/search/", "garbage")
