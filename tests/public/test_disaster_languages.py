"""The disaster top in every language of the city site: its own headline, links and contact names,
a language switcher, and telephone numbers as tel: links that never break across lines."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from home.models import EmergencyNotice
from tests.html import parse
from tests.public.japanese import japanese_outside_lang_ja

pytestmark = pytest.mark.browser  # uses the shared seeded demo, like the browser tests

LANGUAGES = ["en", "zh-hans", "zh-hant", "ko"]


@pytest.fixture()
def city_client(demo_server, demo_db):
    return Client(HTTP_HOST=Site.objects.get(is_default_site=True).hostname)


@pytest.fixture()
def active_notice(demo_db):
    notice = EmergencyNotice.objects.get(title="大雨警報の発表に伴う避難所の開設について")
    starts, ends = notice.starts_at, notice.ends_at
    notice.starts_at, notice.ends_at = timezone.now() - datetime.timedelta(hours=1), None
    notice.save()
    yield notice
    notice.starts_at, notice.ends_at = starts, ends
    notice.save()


@pytest.mark.parametrize("language", LANGUAGES)
def test_disaster_top_has_no_japanese_outside_lang_ja(city_client, active_notice, language):
    response = city_client.get(f"/{language}/?disaster-preview=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert japanese_outside_lang_ja(html) == []
    doc = parse(html)
    assert doc.h1.get("lang") is None and doc.h1.get_text(strip=True)
    assert doc.select(".notice h3 [lang]") == []  # the notice itself is translated
    assert doc.select_one("nav.language-switcher a[hreflang='ja']") is not None


@pytest.mark.parametrize(
    ("language", "city"),
    [("ja", "須賀川市"), ("en", "Sukagawa City"), ("zh-hans", "须贺川市"), ("zh-hant", "須賀川市"), ("ko", "스카가와시")],
)
def test_disaster_top_names_the_city_in_the_page_s_language(city_client, language, city):
    path = "/?disaster-preview=1" if language == "ja" else f"/{language}/?disaster-preview=1"
    doc = parse(city_client.get(path))
    assert doc.title.get_text().endswith(f" | {city}")
    assert doc.select_one(".header__name").get_text(strip=True) == city


@pytest.mark.parametrize("language", ["ja", *LANGUAGES])
def test_disaster_top_phone_numbers_are_unbroken_tel_links(city_client, language):
    path = "/?disaster-preview=1" if language == "ja" else f"/{language}/?disaster-preview=1"
    doc = parse(city_client.get(path))
    links = doc.select(".contacts a[href^='tel:']")
    assert "0248-75-1111" in [link.get_text() for link in links]
    assert all(link.get("href") == "tel:" + link.get_text().replace("-", "") for link in links)
    assert all("tel" in link.get("class", []) for link in links)


def test_disaster_stylesheet_keeps_phone_numbers_on_one_line():
    from django.contrib.staticfiles import finders

    css = open(finders.find("home/css/disaster.css"), encoding="utf-8").read()
    assert 'a[href^="tel:"], .tel { white-space: nowrap; }' in css
