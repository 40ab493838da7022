"""The search page and the suggestion combobox in real Chromium, on the seeded demo."""

import re

import pytest
from django.conf import settings
from wagtail.models import Site

from tests.browser import assert_no_axe_violations, screenshot, site_url

pytestmark = pytest.mark.browser


def city_site():
    return Site.objects.get(hostname=settings.CITY_HOSTNAME)


def test_results_page_is_accessible_and_marks_words(browser_page, demo_server, demo_db):
    page = browser_page
    page.goto(site_url(demo_server, city_site(), "/search/?q=粗大ごみを出したい"))
    assert page.locator(".search-result mark").first.is_visible()
    assert page.locator(".search-result").count() >= 1
    assert_no_axe_violations(page, "search results")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    screenshot(page, "search-results-320")


def test_zero_results_page_is_accessible(browser_page, demo_server, demo_db):
    page = browser_page
    page.goto(site_url(demo_server, city_site(), "/search/?q=ぴよぴよぴよ"))
    assert page.get_by_text("お探しの情報が見つかりませんでした").is_visible()
    assert_no_axe_violations(page, "search zero results")


def test_suggestions_combobox_by_keyboard(browser_page, demo_server, demo_db):
    page = browser_page
    page.goto(site_url(demo_server, city_site(), "/"))
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    box.focus()
    page.keyboard.type("粗大")
    page.locator("#site-search-listbox [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert re.search(r"件の候補があります", page.locator("#site-search-status").inner_text())
    assert_no_axe_violations(page, "search suggestions open")
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    target = page.locator(f"#{active}").get_attribute("data-url")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")


def test_escape_closes_suggestions_and_enter_searches(browser_page, demo_server, demo_db):
    page = browser_page
    page.goto(site_url(demo_server, city_site(), "/"))
    box = page.locator("#site-search-q")
    box.focus()
    page.keyboard.type("粗大")
    page.locator("#site-search-listbox [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-result").count() >= 1
