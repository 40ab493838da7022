"""The light disaster top in real Chromium: accessible, reflows at 320 px, under 100 KB."""

from urllib.request import urlopen

import pytest

from tests.browser import assert_no_axe_violations, screenshot, site_url

pytestmark = pytest.mark.browser

LIMIT_BYTES = 100 * 1024


@pytest.fixture()
def disaster_mode(demo_server, demo_db):
    """Switch the demo's disaster mode on with an active notice; restore both afterwards."""
    import datetime

    from django.utils import timezone
    from wagtail.models import Site

    from home.models import DisasterModeSettings, EmergencyNotice

    site = Site.objects.get(is_default_site=True)
    settings = DisasterModeSettings.for_site(site)
    notice = EmergencyNotice.objects.create(
        title="避難指示（警戒レベル4）を発令しました",
        body="<p>阿武隈川沿いの地区に避難指示を発令しました。直ちに避難してください。</p>",
        level=EmergencyNotice.LEVEL_WARNING,
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    settings.is_active = True
    settings.save()
    yield site
    settings.is_active = False
    settings.save()
    notice.delete()


def test_disaster_top_is_accessible_light_and_reflows(browser_page, demo_server, disaster_mode):
    url = site_url(demo_server, disaster_mode, "/")
    transferred = {}

    def record(response):
        if response.request.resource_type in ("document", "stylesheet", "script"):
            transferred[response.url] = len(response.body())

    browser_page.on("response", record)
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(url, wait_until="load")
    assert "避難指示（警戒レベル4）を発令しました" in browser_page.content()
    assert browser_page.locator("img").count() == 0
    assert_no_axe_violations(browser_page, url)
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(browser_page, "home-disaster-top-320")
    total = sum(transferred.values())
    print(f"\ndisaster top: {total / 1024:.1f} KB of HTML+CSS+JS in {len(transferred)} files")
    assert total < LIMIT_BYTES


def test_disaster_top_html_alone_is_small(demo_server, disaster_mode):
    with urlopen(site_url(demo_server, disaster_mode, "/")) as response:
        assert len(response.read()) < LIMIT_BYTES


def test_top_page_reflows_at_320px_and_works_by_keyboard(browser_page, demo_server, demo_db):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(site_url(demo_server, site, "/"), wait_until="load")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.textContent.trim()") == "本文へ移動"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_seeded_demo_gives_tourism_division_the_guide_only(demo_server, demo_db):
    """home.demo_groups runs after tourism.demo: 観光交流課 publishes the guide and its open data page only."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    pages = GroupPagePermission.objects.filter(group=Group.objects.get(name="観光交流課")).values_list(
        "page__content_type__model", flat=True
    )
    assert set(pages) == {"tourismtoppage", "opendatapage"}
