"""What Django lets the front cache keep (cms.pagecache.middleware), without Varnish."""

import re

import pytest
from django.contrib.auth import get_user_model

from cms.a11y.visitor_tools import SETTINGS
from cms.pagecache.stack import VCL_FILE
from tests.tourism.factories import city_site


@pytest.fixture
def site_ctx(db):
    return city_site()


def test_anonymous_page_is_public_for_the_front_cache_only(client, site_ctx):
    response = client.get("/")
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=0", "public", "s-maxage=60"]
    assert response["X-Page-Cache-Site"] == str(site_ctx.city_site.pk)
    # The language is in the path: Accept-Language must not split the cache; the visitor tools' cookies may.
    vary = [value.strip() for value in response["Vary"].split(",")]
    assert "Accept-Language" not in vary and "Cookie" in vary


def test_signed_in_staff_get_private_pages(client, site_ctx):
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "pw-2026-editor"))
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_a_page_with_a_search_query_is_not_marked(client, site_ctx):
    # Search results are cached only as the search view's own pages (below), one per normalised query.
    assert "s-maxage" not in client.get("/?q=ごみ").get("Cache-Control", "")


def test_visitor_tools_switch_is_not_marked(client, site_ctx):
    response = client.get("/visitor-tools/?text=large&next=/")
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_varnish_keeps_exactly_the_visitor_tools_non_default_cookies():
    vcl = VCL_FILE.read_text()
    kept = set(re.findall(r"\(\^\|;\\s\*\)(a11y_\w+=\w+)\(;\|\$\)", vcl))
    expected = {
        f"{cookie}={value}"
        for cookie, allowed, default in SETTINGS.values()
        for value in allowed
        if value != default
    }
    assert kept == expected


def test_anonymous_search_results_are_kept_briefly_as_pages_of_their_site(client, site_ctx):
    response = client.get("/search/", {"q": "ごみ"})
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=0", "public", "s-maxage=60"]
    # Banned with the Site's pages on every publish, when the index changes.
    assert response["X-Page-Cache-Site"] == str(site_ctx.city_site.pk)


def test_search_results_of_signed_in_staff_are_not_shared(client, site_ctx):
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "pw-2026-editor"))
    response = client.get("/search/", {"q": "ごみ"})
    assert "s-maxage" not in response.get("Cache-Control", "")
