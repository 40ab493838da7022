"""Listing pages make the same number of queries whatever the number of pages (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    ContentPageFactory,
    LifeEventFactory,
    LifeEventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SectionPageFactory,
)

pytestmark = pytest.mark.django_db

# Pinned from a measurement; raise only with a reason.
# The main visual and the emblem of the identity (issue 16) are two queries more.
TOP_PAGE_QUERIES = 32
SECTION_QUERIES = 30


def _count(city_get, path):
    city_get(path)  # warm caches that any real server has warm (Site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = city_get(path)
    assert response.status_code == 200
    return len(queries)


def _grow_city(city_home, sections, per_section, news):
    from faq.models import FAQIndexPage, FAQPage

    LifeEventIndexPageFactory(parent=city_home) if not city_home.get_children().filter(
        slug="dekigoto"
    ).exists() else None
    event = LifeEventFactory()
    for _ in range(sections):
        top = SectionPageFactory(parent=city_home)
        child = SectionPageFactory(parent=top)
        for _ in range(per_section):
            page = ContentPageFactory(parent=child)
            page.life_events.add(event)
            page.save()
    index = city_home.get_children().filter(slug="oshirase").first()
    index = index.specific if index else NewsIndexPageFactory(parent=city_home)
    for number in range(news):
        NewsPageFactory(parent=index, is_important=number % 3 == 0)
    faq_index = FAQIndexPage.objects.child_of(city_home).first()
    if faq_index is None:
        faq_index = FAQIndexPage(title="よくある質問", slug="faq")
        city_home.add_child(instance=faq_index)
    start = FAQPage.objects.count()
    for number in range(news):
        faq_index.add_child(
            instance=FAQPage(
                title=f"質問{start + number}", slug=f"q{start + number}", answer=[], view_count=number
            )
        )


def test_top_page_query_count_does_not_grow_with_pages(city_get, city_home, django_assert_max_num_queries):
    _grow_city(city_home, sections=2, per_section=2, news=3)
    small = _count(city_get, "/")
    _grow_city(city_home, sections=3, per_section=3, news=12)
    large = _count(city_get, "/")
    assert large == small
    with django_assert_max_num_queries(TOP_PAGE_QUERIES):
        city_get("/")
    print(f"\ntop page: {large} queries")


def test_section_listing_query_count_does_not_grow_with_pages(
    city_get, city_home, django_assert_max_num_queries
):
    kurashi = SectionPageFactory(parent=city_home, slug="kurashi")
    for _ in range(2):
        child = SectionPageFactory(parent=kurashi)
        ContentPageFactory(parent=child)
        ContentPageFactory(parent=kurashi)
    small = _count(city_get, "/kurashi/")
    for _ in range(4):
        child = SectionPageFactory(parent=kurashi)
        for _ in range(3):
            ContentPageFactory(parent=child)
        ContentPageFactory(parent=kurashi)
    large = _count(city_get, "/kurashi/")
    assert large == small
    with django_assert_max_num_queries(SECTION_QUERIES):
        city_get("/kurashi/")
    print(f"\nsection listing: {large} queries")


def test_news_index_query_count_does_not_grow_with_items(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home, per_page=10)
    for _ in range(3):
        NewsPageFactory(parent=index)
    small = _count(city_get, "/oshirase/")
    for _ in range(12):
        NewsPageFactory(parent=index)
    assert _count(city_get, "/oshirase/") == small
