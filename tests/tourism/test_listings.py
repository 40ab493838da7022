"""Guide listings: upcoming events only, category filter, bounded queries."""

import datetime

from tests.tourism.factories import EventPageFactory, SpotPageFactory


def test_past_events_drop_off_by_themselves(client, guide, city_host):
    today = datetime.date.today()
    EventPageFactory(
        parent=guide["event_index"], title="終わった催し", start_date=today - datetime.timedelta(days=3)
    )
    EventPageFactory(
        parent=guide["event_index"],
        title="開催中の催し",
        start_date=today - datetime.timedelta(days=3),
        end_date=today,
    )
    html = client.get("/kanko/events/", HTTP_HOST=city_host).content.decode()
    assert "開催中の催し" in html
    assert "牡丹焚火" in html
    assert "終わった催し" not in html


def test_category_filter_shows_only_that_category(client, guide, city_host):
    SpotPageFactory(parent=guide["spot_index"], title="長沼城跡", category="history")
    html = client.get("/kanko/spots/?category=history", HTTP_HOST=city_host).content.decode()
    assert "長沼城跡" in html
    assert "須賀川牡丹園" not in html
    assert 'aria-current="page">歴史・文化</a>' in html


def test_unknown_category_shows_everything(client, guide, city_host):
    response = client.get("/kanko/spots/?category=%3Cscript%3E", HTTP_HOST=city_host)
    assert response.status_code == 200
    assert "須賀川牡丹園" in response.content.decode()


def test_spot_page_gives_a_map_link_and_japanese_name_to_visitors(client, guide, city_host):
    html = client.get("/en/kanko/spots/botanen/", HTTP_HOST=city_host).content.decode()
    assert 'href="https://www.google.com/maps/search/?api=1&amp;query=37.286400,140.372800"' in html
    assert '<span lang="ja">須賀川牡丹園（カンコウスポット）</span>' in html
    assert "¥1,000" in html


def test_spot_index_queries_do_not_grow_with_spots(client, guide, city_host, django_assert_max_num_queries):
    client.get("/kanko/spots/", HTTP_HOST=city_host)  # warm caches (site root paths)
    with django_assert_max_num_queries(30) as few:
        client.get("/kanko/spots/", HTTP_HOST=city_host)
    for number in range(10):
        SpotPageFactory(parent=guide["spot_index"], title=f"スポット{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/kanko/spots/", HTTP_HOST=city_host)


def test_guide_top_queries_do_not_grow_with_events(client, guide, city_host, django_assert_max_num_queries):
    client.get("/en/kanko/", HTTP_HOST=city_host)
    with django_assert_max_num_queries(60) as few:
        client.get("/kanko/", HTTP_HOST=city_host)
    for number in range(6):
        EventPageFactory(parent=guide["event_index"], title=f"催し{number}", venue_spot=guide["spot"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/kanko/", HTTP_HOST=city_host)
