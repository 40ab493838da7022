"""Site identity: favicon at the root, touch icon, manifest, and a sharing card on every content page."""

import json

import pytest
from django.test import Client
from wagtail.models import Page, Site

from tests.html import parse

pytestmark = pytest.mark.browser  # uses the shared seeded demo, like the browser tests


@pytest.fixture()
def city(demo_server, demo_db):
    site = Site.objects.get(is_default_site=True)
    return site, Client(HTTP_HOST=site.hostname)


def test_favicon_is_served_at_the_root(city):
    _site, client = city
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_manifest_names_the_site_and_its_icons(city):
    _site, client = city
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["name"] == "須賀川市"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    from django.contrib.staticfiles import finders

    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_content_page_has_og_title_and_og_image(city):
    site, client = city
    pages = [
        page
        for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()
        if type(page).__name__ in {"ContentPage", "ProcedurePage", "NewsPage", "SectionPage", "SpotPage"}
    ]
    assert len(pages) > 40
    missing = []
    for page in pages:
        doc = parse(client.get(page.url_path[len(site.root_page.url_path) - 1 :]))
        title = doc.select_one('meta[property="og:title"]')
        image = doc.select_one('meta[property="og:image"]')
        if not (title and title["content"] == (page.seo_title or page.title)):
            missing.append(f"{page.url_path} og:title")
        if not (image and image["content"].startswith("http")):
            missing.append(f"{page.url_path} og:image")
    assert missing == []


def test_page_with_main_image_shares_that_picture(city):
    _site, client = city
    doc = parse(client.get("/kurashi/gomi/wakekata/"))
    assert "fill-1200x630" in doc.select_one('meta[property="og:image"]')["content"]
    assert doc.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert doc.select_one('link[rel="apple-touch-icon"]') is not None
    assert doc.select_one('link[rel="manifest"]')["href"] == "/manifest.webmanifest"
