"""文字サイズ・背景色・ふりがな: cookies set by a plain GET form, body classes, server-side ruby."""

import pytest
from django.core.cache import cache

from cms.a11y import furigana
from tests.a11y.factories import HOSTNAME, policy_page

pytestmark = pytest.mark.django_db


@pytest.fixture()
def page():
    return policy_page(intro="<p>水道料金のお知らせです。<code>漢字</code></p>")


def get(client, path, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    return client.get(path, HTTP_HOST=HOSTNAME)


def test_tools_view_sets_cookie_and_returns_to_the_page(client):
    response = client.get("/visitor-tools/", {"colour": "black", "next": "/faq/"}, HTTP_HOST=HOSTNAME)
    assert response.status_code == 302
    assert response["Location"] == "/faq/"
    assert response.cookies["a11y_colour"].value == "black"
    assert response.cookies["a11y_colour"]["max-age"] == 60 * 60 * 24 * 365


def test_tools_view_ignores_unknown_values_and_foreign_next(client):
    response = client.get(
        "/visitor-tools/", {"colour": "red", "next": "https://evil.example/"}, HTTP_HOST=HOSTNAME
    )
    assert response["Location"] == "/"
    assert "a11y_colour" not in response.cookies


def test_page_shows_chosen_scheme_and_size(client, page):
    html = get(client, "/", a11y_colour="blue", a11y_text="large").content.decode()
    assert "a11y-colour-blue" in html and "a11y-text-large" in html
    assert 'name="colour" value="blue" aria-pressed="true"' in html
    assert 'name="colour" value="white" aria-pressed="false"' in html


def test_tools_form_works_without_javascript(client, page):
    html = get(client, "/").content.decode()
    assert '<form class="visitor-tools__form" action="/visitor-tools/" method="get"' in html
    assert '<input type="hidden" name="next" value="/">' in html


def test_furigana_adds_ruby_inside_main_only(client, page):
    html = get(client, "/", a11y_ruby="on").content.decode()
    main = html[html.index("<main") :]
    assert "<ruby>水道<rp>（</rp><rt>すいどう</rt><rp>）</rp></ruby>" in main
    assert "<code>漢字</code>" in main  # code is left as written
    header = html[: html.index("<main")]
    assert "<rt>" not in header


def test_furigana_off_by_default_and_stored_content_unchanged(client, page):
    assert "<ruby>" not in get(client, "/").content.decode()
    get(client, "/", a11y_ruby="on")
    page.refresh_from_db()
    assert page.intro == "<p>水道料金のお知らせです。<code>漢字</code></p>"


def test_furigana_is_cached(client, page, monkeypatch):
    cache.clear()
    get(client, "/", a11y_ruby="on")
    calls = []
    monkeypatch.setattr(furigana, "_analyze", lambda run: calls.append(run) or run)
    html = get(client, "/", a11y_ruby="on").content.decode()
    assert calls == []
    assert "<rt>すいどう</rt>" in html


def test_readings_align_with_okurigana_and_dates():
    assert furigana.add_ruby("変わります") == "<ruby>変<rp>（</rp><rt>か</rt><rp>）</rp></ruby>わります"
    assert "<rt>ついたち</rt>" in furigana.add_ruby("4月1日から")


def test_pages_vary_on_cookie(client, page):
    assert "Cookie" in get(client, "/")["Vary"]
