"""sitemap.xml covers every language tree of a Site; robots.txt points to it."""

import re

from django.conf import settings


def test_sitemap_lists_japanese_and_translated_pages(client, guide, city_host):
    response = client.get("/sitemap.xml", HTTP_HOST=city_host)
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert response.status_code == 200
    for path in [
        "/",
        "/kanko/spots/botanen/",
        "/en/",
        "/en/kanko/spots/botanen/",
        "/zh-hans/kanko/",
        "/zh-hant/kanko/events/takibi/",
        "/ko/kanko/spots/",
    ]:
        assert f"http://localhost{path}" in locations, path
    assert len(locations) == len(set(locations))


def test_sitemap_leaves_out_unpublished_pages(client, guide, city_host):
    guide["spot"].unpublish()
    locations = re.findall(
        r"<loc>([^<]+)</loc>", client.get("/sitemap.xml", HTTP_HOST=city_host).content.decode()
    )
    assert "http://localhost/kanko/spots/botanen/" not in locations
    assert "http://localhost/en/kanko/spots/botanen/" in locations


def test_each_site_has_its_own_sitemap(client, guide):
    response = client.get("/sitemap.xml", HTTP_HOST=settings.WATER_HOSTNAME)
    html = response.content.decode()
    assert "water.localhost/" in html
    assert "/kanko/" not in html


def test_robots_txt_points_to_the_sitemap_of_its_host(client, guide, city_host):
    response = client.get("/robots.txt", HTTP_HOST=city_host)
    text = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    water = client.get("/robots.txt", HTTP_HOST=settings.WATER_HOSTNAME).content.decode()
    assert f"Sitemap: http://{settings.WATER_HOSTNAME}/sitemap.xml" in water
