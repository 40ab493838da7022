"""Locale routing, the language switcher, hreflang links and the untranslated case."""

import re

import pytest
from wagtail.models import Locale

from tests.tourism.factories import SpotPageFactory

HTML_LANG = {"": "ja", "/en": "en", "/zh-hans": "zh-Hans", "/zh-hant": "zh-Hant", "/ko": "ko"}


@pytest.mark.parametrize("prefix,lang", HTML_LANG.items())
def test_each_language_is_served_under_its_prefix_with_its_html_lang(client, guide, city_host, prefix, lang):
    response = client.get(f"{prefix}/kanko/spots/botanen/", HTTP_HOST=city_host)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html


def test_english_page_shows_english_content_and_interface_text(client, guide, city_host):
    html = client.get("/en/kanko/spots/botanen/", HTTP_HOST=city_host).content.decode()
    assert "<h1>Sukagawa Peony Garden</h1>" in html
    assert "A peony garden of national scenic beauty." in html
    assert "Basic information" in html  # 基本情報, from the message files
    assert "基本情報" not in html


def test_switcher_lists_every_translation_in_its_own_name_and_lang(client, guide, city_host):
    html = client.get("/kanko/spots/botanen/", HTTP_HOST=city_host).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<span class="language-switcher__current" lang="ja" aria-current="true">日本語</span>' in switcher
    for lang, path, name in [
        ("en", "/en/kanko/spots/botanen/", "English"),
        ("zh-Hans", "/zh-hans/kanko/spots/botanen/", "简体中文"),
        ("zh-Hant", "/zh-hant/kanko/spots/botanen/", "繁體中文"),
        ("ko", "/ko/kanko/spots/botanen/", "한국어"),
    ]:
        assert f'href="{path}" lang="{lang}" hreflang="{lang}">{name}</a>' in switcher


def test_switcher_sends_languages_the_page_is_not_in_to_their_top_page(client, guide, city_host):
    guide["spot"].get_translation(Locale.objects.get(language_code="ko")).unpublish()
    html = client.get("/en/kanko/spots/botanen/", HTTP_HOST=city_host).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '/ko/kanko/spots/botanen/' not in switcher
    assert '한국어 <span class="language-switcher__note">(첫 페이지)</span>' in switcher
    assert 'href="/zh-hans/kanko/spots/botanen/"' in switcher


def test_hreflang_links_name_every_translation_and_japanese_as_default(client, guide, city_host):
    html = client.get("/zh-hant/kanko/spots/botanen/", HTTP_HOST=city_host).content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links == {
        "ja": "http://localhost/kanko/spots/botanen/",
        "en": "http://localhost/en/kanko/spots/botanen/",
        "zh-Hans": "http://localhost/zh-hans/kanko/spots/botanen/",
        "zh-Hant": "http://localhost/zh-hant/kanko/spots/botanen/",
        "ko": "http://localhost/ko/kanko/spots/botanen/",
        "x-default": "http://localhost/kanko/spots/botanen/",
    }


def test_untranslated_page_links_each_languages_top_no_alternates_and_no_foreign_url(client, guide, city_host):
    SpotPageFactory(parent=guide["spot_index"], title="乙字ケ滝", slug="otsuji")
    html = client.get("/kanko/spots/otsuji/", HTTP_HOST=city_host).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<span class="language-switcher__note">(top page)</span>' in switcher
    assert 'rel="alternate"' not in html
    # Under /en/ the Japanese page is not served as if it were English.
    assert client.get("/en/kanko/spots/otsuji/", HTTP_HOST=city_host).status_code == 404


def test_untranslated_page_is_not_listed_in_the_english_guide(client, guide, city_host):
    SpotPageFactory(parent=guide["spot_index"], title="乙字ケ滝", slug="otsuji")
    html = client.get("/en/kanko/spots/", HTTP_HOST=city_host).content.decode()
    assert "Sukagawa Peony Garden" in html
    assert "乙字ケ滝" not in html


def test_alias_of_a_japanese_page_tells_the_visitor_it_is_japanese(client, guide, city_host):
    spot = SpotPageFactory(parent=guide["spot_index"], title="乙字ケ滝", slug="otsuji")
    spot.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    response = client.get("/en/kanko/spots/otsuji/", HTTP_HOST=city_host)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This page has not been translated yet, so it is shown in Japanese." in html


def test_visitor_at_en_gets_an_english_top_centred_on_the_guide(client, guide, city_host):
    html = client.get("/en/", HTTP_HOST=city_host).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Sukagawa City</h1>" in html
    assert 'href="/en/kanko/">Travel guide</a>' in html
    assert "Bloom at Sukagawa Peony Garden" in html
    assert "Sukagawa Peony Garden" in html and "Peony bonfire" in html
    # The rest of the city site is Japanese: said so, with a link marked as Japanese.
    assert 'href="/" lang="ja" hreflang="ja"' in html


def test_japanese_top_is_left_to_the_city_site(client, guide, city_host):
    html = client.get("/", HTTP_HOST=city_host).content.decode()
    assert '<html lang="ja">' in html
    assert "foreign-top" not in html


def test_switcher_on_a_view_that_is_not_a_page_offers_the_site_languages(client, guide, city_host):
    html = client.get("/search/?q=%E7%89%A1%E4%B8%B9", HTTP_HOST=city_host).content.decode()
    assert 'href="/en/search/?q=%E7%89%A1%E4%B8%B9" lang="en" hreflang="en">English</a>' in html


def test_japanese_only_site_shows_no_switcher_on_views_that_are_not_pages(client, guide):
    from django.conf import settings

    html = client.get("/search/?q=a", HTTP_HOST=settings.WATER_HOSTNAME).content.decode()
    assert 'class="language-switcher"' not in html


def test_disaster_mode_top_is_not_replaced_by_the_guide(client, guide, city_host):
    html = client.get("/en/?disaster-preview=1", HTTP_HOST=city_host).content.decode()
    assert "foreign-top" not in html
    assert "Bloom at Sukagawa Peony Garden" not in html
