from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.water.factories import WaterApplicationPageFactory, WaterHomePageFactory
from water.business_days import earliest_preferred_date

WATER_HOST = settings.WATER_HOSTNAME


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    # django-ratelimit counts in the cache: every test starts with a clean count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture()
def water_root(db):
    root = WaterHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname=WATER_HOST, port=80, root_page=root, site_name="須賀川市 水道事業")
    return root


@pytest.fixture()
def apply_page(water_root):
    return WaterApplicationPageFactory(parent=water_root)


@pytest.fixture()
def water_client(client):
    client.defaults["HTTP_HOST"] = WATER_HOST
    return client


def a_valid_date(today=None):
    """The first allowed 希望日 (3 business days ahead)."""
    return earliest_preferred_date(today)


def valid_data(**overrides):
    data = {
        "application_type": "start",
        "address": "須賀川市八幡町135",
        "customer_number": "",
        "name": "須賀川 太郎",
        "name_kana": "スカガワ タロウ",
        "phone": "0248-75-1111",
        "email": "taro@example.jp",
        "preferred_date": a_valid_date().isoformat(),
        "settlement_method": "",
        "forwarding_address": "",
        "note": "",
        "agree": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def next_weekday(day, weekday):
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


__all__ = ["valid_data", "a_valid_date", "next_weekday", "date"]
