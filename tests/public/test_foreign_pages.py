"""Foreign visitors meet their own language, and every city page offers the other languages.

Runs over the seeded demo (all live pages, whatever the demo holds), so it keeps checking new content.
"""

import re

import pytest
from django.test import Client
from wagtail.models import Page, Site

from tests.public.japanese import japanese_outside_lang_ja

pytestmark = pytest.mark.browser  # uses the shared seeded demo, like the browser tests


def _client(site):
    return Client(HTTP_HOST=site.hostname)


def _live_pages(site, foreign):
    """Live public pages served by `site`, in Japanese or in the other languages."""
    pages = Page.objects.live().public().filter(depth__gte=2).select_related("locale").order_by("path")
    return [
        page for page in pages if page.get_site() == site and foreign == (page.locale.language_code != "ja")
    ]


@pytest.fixture()
def city_site(demo_server, demo_db):
    return Site.objects.get(is_default_site=True)


def test_no_foreign_language_page_shows_japanese_outside_lang_ja(city_site):
    client = _client(city_site)
    problems = []
    pages = _live_pages(city_site, foreign=True)
    assert len(pages) > 20, "the demo has foreign-language pages"
    for page in pages:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.url
        for where, text in japanese_outside_lang_ja(response.content.decode()):
            problems.append(f"{page.get_url()}  {where}: {text}")
    assert not problems, "Japanese outside lang=ja:\n" + "\n".join(problems)


def test_every_city_page_has_a_language_switcher(city_site):
    client = _client(city_site)
    missing = []
    pages = _live_pages(city_site, foreign=False) + _live_pages(city_site, foreign=True)
    for page in pages:
        html = client.get(page.get_url()).content.decode()
        switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
        if not switcher or len(re.findall(r"<li class=\"language-switcher__item\">", switcher.group(0))) < 5:
            missing.append(page.get_url())
    assert not missing, "pages without a switcher offering all five languages:\n" + "\n".join(missing)


def test_untranslated_page_links_to_each_languages_top_and_says_so(city_site):
    client = _client(city_site)
    html = client.get("/kurashi/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert (
        'href="/en/" lang="en" hreflang="en">English <span class="language-switcher__note">(top page)</span></a>'
        in switcher
    )
    assert (
        'href="/ko/" lang="ko" hreflang="ko">한국어 <span class="language-switcher__note">(첫 페이지)</span></a>'
        in switcher
    )
    # hreflang alternates name translations only, never another language's top page
    assert 'hreflang="en" href=' not in html.split("</head>")[0]


def test_foreign_titles_end_with_the_citys_name_in_that_language(city_site):
    client = _client(city_site)
    for path, suffix in [
        ("/en/kanko/", "| Sukagawa City"),
        ("/ko/kanko/", "| 스카가와시"),
        ("/zh-hans/kanko/", "| 须贺川市"),
    ]:
        title = re.search(r"<title>(.*?)</title>", client.get(path).content.decode(), re.S).group(1)
        assert title.endswith(suffix), title


EXAMPLE = re.compile(r"[“「'](.+?)[”」']|[（(](?:e\.g\. |例：|예: )([^）)“「'][^）)]*?)[）)]")


@pytest.mark.parametrize("prefix", ["/en", "/zh-hans", "/zh-hant", "/ko"])
def test_search_examples_of_each_language_find_something(city_site, prefix):
    client = _client(city_site)
    empty = client.get(f"{prefix}/search/", {"q": "xyzzy-nothing"}).content.decode()
    hints = re.findall(
        r'<p class="search-page__hint"[^>]*>(.*?)</p>', client.get(f"{prefix}/search/").content.decode()
    )
    tips = re.findall(
        r"<li>(.*?)</li>", empty.split('id="search-tips-heading"', 1)[-1].split("</section>", 1)[0]
    )
    hints += tips[:1]  # 「短い言葉で検索してみてください（例：…）」
    examples = {a or b for hint in hints for a, b in EXAMPLE.findall(hint)} - {""}
    assert examples, f"{prefix}: no example queries found in the hints"
    for example in examples:
        html = client.get(f"{prefix}/search/", {"q": example}).content.decode()
        assert 'class="search-summary"' in html, f"{prefix}: the example 「{example}」 finds nothing"
