import copy

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from tests.tourism.factories import (
    ROOT_SLUGS,
    EventIndexPageFactory,
    EventPageFactory,
    SpotIndexPageFactory,
    SpotPageFactory,
    T,
    TourismTopPageFactory,
    city_site,
    translate_into,
)

STRINGS = [
    T("須賀川市", "Sukagawa City", "须贺川市", "須賀川市", "스카가와시"),
    T(
        "須賀川市ホームページ",
        "Sukagawa City, Fukushima",
        "福岛县须贺川市",
        "福島縣須賀川市",
        "후쿠시마현 스카가와시",
    ),
    T("観光ガイド", "Travel guide", "旅游指南", "旅遊指南", "관광 가이드"),
    T(
        "須賀川市の観光案内です。",
        "A guide to Sukagawa.",
        "须贺川旅游介绍。",
        "須賀川旅遊介紹。",
        "스카가와 관광 안내입니다.",
    ),
    T("観光スポット", "Places to visit", "观光景点", "觀光景點", "관광지"),
    T("イベント", "Events", "活动", "活動", "행사"),
    T("須賀川牡丹園", "Sukagawa Peony Garden", "须贺川牡丹园", "須賀川牡丹園", "스카가와 모란원"),
    T(
        "国指定名勝の牡丹園です。",
        "A peony garden of national scenic beauty.",
        "国家名胜牡丹园。",
        "國家名勝牡丹園。",
        "국가 명승 모란원입니다.",
    ),
    T("牡丹焚火", "Peony bonfire", "牡丹焚火", "牡丹焚火", "모란 분화"),
    T(
        "古木を焚く行事です。",
        "Old peony wood is burned.",
        "焚烧老牡丹枝干。",
        "焚燒老牡丹枝幹。",
        "고목을 태우는 행사입니다.",
    ),
]


def build_guide():
    site_ctx = city_site()
    root = site_ctx.city_root
    top = TourismTopPageFactory(parent=root, intro="<p>須賀川市の観光案内です。</p>")
    spots = SpotIndexPageFactory(parent=top)
    events = EventIndexPageFactory(parent=top)
    spot = SpotPageFactory(
        parent=spots, title="須賀川牡丹園", slug="botanen", summary="国指定名勝の牡丹園です。", fee_basic=1000
    )
    event = EventPageFactory(
        parent=events, title="牡丹焚火", slug="takibi", summary="古木を焚く行事です。", venue_spot=spot
    )
    pages = [root, top, spots, events, spot, event]
    translate_into(site_ctx, pages, STRINGS, root_slugs=ROOT_SLUGS)
    return {
        "ctx": site_ctx,
        "root": root,
        "top": top,
        "spot_index": spots,
        "event_index": events,
        "spot": spot,
        "event": event,
    }


@pytest.fixture(scope="module")
def guide_in_module(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards.

    Translating pages through wagtail-localize saves about fifty pages; doing that for every test
    would cost minutes. Each test still runs in its own savepoint (pytest-django's `db`).
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_guide()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()  # Wagtail caches Site root paths: forget the rolled-back ones


@pytest.fixture
def guide(guide_in_module, db):
    cache.clear()
    return {
        name: (value.specific_class.objects.get(pk=value.pk) if hasattr(value, "specific_class") else value)
        for name, value in guide_in_module.items()
    }


@pytest.fixture
def site_ctx(db):
    return city_site()


@pytest.fixture
def city_host():
    return settings.CITY_HOSTNAME


@pytest.fixture(autouse=True)
def no_search_index_updates(settings):
    """The guide fixture saves ~50 pages; indexing them for search is not what these tests check."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for backend in backends.values():
        backend["AUTO_UPDATE"] = False
    settings.WAGTAILSEARCH_BACKENDS = backends
