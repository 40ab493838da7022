"""The phone header leaves the first screen to the content, also at 拡大; the menu works without JavaScript."""

import pytest
from wagtail.models import Site

from tests.browser import assert_no_axe_violations, new_context, screenshot, site_url

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# (site, path): the three tops and an article.
PAGES = [
    ("city", "/"),
    ("water", "/"),
    ("city", "/kanko/"),
    ("city", "/kurashi/koseki/juminhyo/"),
]


def _site(kind):
    from django.conf import settings

    return Site.objects.get(hostname=settings.WATER_HOSTNAME if kind == "water" else settings.CITY_HOSTNAME)


@pytest.fixture()
def sites(demo_server, demo_db):
    return {"city": _site("city"), "water": _site("water")}


def _phone_page(browser, url, text_size=None, javascript=True, colour_scheme="light", cookies=None):
    context = new_context(browser, viewport=PHONE, java_script_enabled=javascript, color_scheme=colour_scheme)
    host = url.split("/")[2].split(":")[0]
    jar = dict(cookies or {})
    if text_size:
        jar["a11y_text"] = text_size
    context.add_cookies([{"name": k, "value": v, "domain": host, "path": "/"} for k, v in jar.items()])
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


@pytest.mark.parametrize("text_size", ["standard", "large"])
@pytest.mark.parametrize(("kind", "path"), PAGES)
def test_main_starts_in_the_upper_half_of_a_phone_screen(browser, demo_server, sites, kind, path, text_size):
    url = site_url(demo_server, sites[kind], path)
    context, page = _phone_page(browser, url, text_size=text_size)
    try:
        top = page.evaluate("document.getElementById('main').getBoundingClientRect().top")
        assert top <= PHONE["height"] / 2, (
            f"{url} ({text_size}): main starts at {top:.0f} px of {PHONE['height']}"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_menu_button_opens_tools_languages_and_menu_without_javascript(browser, demo_server, sites):
    context, page = _phone_page(browser, site_url(demo_server, sites["city"], "/"), javascript=False)
    try:
        menu = page.locator("#site-menu")
        assert not menu.is_visible()
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Tab")  # the menu toggle (a checkbox labelled メニュー)
        page.keyboard.press("Space")
        assert page.get_by_role("navigation", name="メインメニュー").is_visible()
        assert page.get_by_role("navigation", name="言語の切り替え").is_visible()
        assert page.get_by_role("button", name="拡大").is_visible()
    finally:
        context.close()


def test_menu_button_with_javascript_says_whether_it_is_open(browser, demo_server, sites):
    context, page = _phone_page(browser, site_url(demo_server, sites["city"], "/"))
    try:
        button = page.get_by_role("button", name="メニュー")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert page.get_by_role("navigation", name="メインメニュー").is_visible()
        assert_no_axe_violations(page, "city top, phone, menu open")
        screenshot(page, "public-phone-menu-open")
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


@pytest.mark.parametrize(
    ("label", "options"),
    [
        ("system dark", {"colour_scheme": "dark"}),
        ("黒", {"cookies": {"a11y_colour": "black"}}),
        ("白 chosen on a dark system", {"colour_scheme": "dark", "cookies": {"a11y_colour": "white"}}),
    ],
)
def test_colour_schemes_are_accessible_and_the_search_button_keeps_its_outline(
    browser, demo_server, sites, label, options
):
    context = new_context(
        browser, viewport={"width": 1366, "height": 768}, color_scheme=options.get("colour_scheme", "light")
    )
    for name, value in options.get("cookies", {}).items():
        context.add_cookies([{"name": name, "value": value, "domain": sites["city"].hostname, "path": "/"}])
    page = context.new_page()
    try:
        page.goto(site_url(demo_server, sites["city"], "/"), wait_until="load")
        assert_no_axe_violations(page, f"city top, {label}")
        colours = page.evaluate(
            """() => {
              const b = getComputedStyle(document.querySelector('.site-search__button'));
              return {border: b.borderTopColor, background: getComputedStyle(document.body).backgroundColor};
            }"""
        )
        assert colours["border"] != colours["background"], f"{label}: search button border invisible"
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
        assert dark == (label != "白 chosen on a dark system")
    finally:
        context.close()


def test_water_quality_table_keeps_readable_columns_on_a_phone(browser, demo_server, sites):
    context, page = _phone_page(browser, site_url(demo_server, sites["water"], "/suishitsu/"))
    try:
        widths = page.evaluate(
            "Array.from(document.querySelectorAll('.quality-table tr:first-child th')).map(th => th.getBoundingClientRect().width)"
        )
        assert widths and min(widths) >= 80, widths  # at least five characters a line, not one
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_no_axe_violations(page, "water quality, phone")
    finally:
        context.close()
