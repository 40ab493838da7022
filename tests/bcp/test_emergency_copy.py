"""The emergency static copy opens from its folder (file://, no server) and passes axe-core."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from tests.browser import format_violations, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def emergency_copy(demo_server, demo_db, tmp_path, settings):
    settings.EMERGENCY_STATIC_ROOT = str(tmp_path / "emergency")
    call_command("export_emergency_static", stdout=open("/dev/null", "w"))
    return Path(settings.EMERGENCY_STATIC_ROOT)


@pytest.fixture
def server_requests(browser_page):
    """The browser tab reaches no server at all: every http(s) or websocket request it makes is
    refused and listed here, so a copied page that still needs the application server shows it."""
    refused = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    browser_page.route(re.compile(r"^(https?|wss?)://"), refuse)
    return refused


def _copied_files(root):
    for info_file in sorted(root.glob("*/emergency-copy.json")):
        for page in json.loads(info_file.read_text(encoding="utf-8"))["pages"]:
            yield info_file.parent / page["file"]


def test_every_copied_page_opens_from_the_folder_and_passes_axe(
    emergency_copy, browser_page, server_requests
):
    files = list(_copied_files(emergency_copy))
    assert any(path.parent.name == "water.localhost" for path in files)
    problems = []
    for path in files:
        browser_page.goto(path.as_uri(), wait_until="load")
        # The stylesheets came along and apply: the skip link sits off-screen until focused.
        position = browser_page.evaluate(
            "() => getComputedStyle(document.querySelector('.skip-link')).position"
        )
        assert position == "absolute", path
        problems += format_violations(str(path), run_axe(browser_page))
    assert not problems, "\n".join(problems)


def test_disaster_top_links_to_the_copied_evacuation_page(emergency_copy, browser_page, server_requests):
    browser_page.goto((emergency_copy / "localhost" / "index.html").as_uri())
    assert "災害情報" in browser_page.locator("h1").inner_text()
    browser_page.get_by_role("link", name="避難所・避難場所の一覧").click()
    assert browser_page.url.startswith("file://") and browser_page.url.endswith("/index.html")
    assert "避難所" in browser_page.locator("h1").inner_text()
    assert "非常用の写し" in browser_page.content()


def test_copied_pages_ask_no_server_for_anything(emergency_copy, browser_page, server_requests):
    for path in _copied_files(emergency_copy):
        browser_page.goto(path.as_uri(), wait_until="load")
    assert not server_requests


def test_publishing_an_evacuation_page_rewrites_the_copy(emergency_copy):
    page = Page.objects.get(slug="hinanjo", locale__language_code="ja").specific
    site = Site.objects.get(hostname=settings.CITY_HOSTNAME)
    copied = emergency_copy / site.hostname / page.get_url_parts()[2].strip("/") / "index.html"
    original = page.title
    try:
        page.title = "避難所・避難場所の一覧（開設状況）"
        page.save_revision().publish()
        assert "避難所・避難場所の一覧（開設状況）" in copied.read_text(encoding="utf-8")
    finally:
        page.title = original
        page.save_revision().publish()
