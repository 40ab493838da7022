"""Every page of both Sites, in every locale, reflows: no page-level horizontal scroll at 320 CSS px,
at 390 px with 文字サイズ「拡大」 and at 390 px with 200 % text (WCAG 1.4.10, 1.4.4).

Wide tables scroll inside their own labelled region instead (tests/a11y checks the region's name).
"""

import pytest

from tests.public.reflow import CONDITIONS, reflow_problems
from tests.test_accessibility_crawl import SHARE_IDS, SHARES, _extra_urls, _page_urls, crawl_share

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("share", range(SHARES), ids=SHARE_IDS)
def test_every_page_reflows_at_320px_at_large_text_and_at_200_percent(browser, demo_server, demo_db, share):
    from tests.browser import new_context

    urls = [url for url, _name in _page_urls(demo_server) + _extra_urls(demo_server)]
    assert len(urls) >= 300
    urls = crawl_share(urls, share)
    context = new_context(browser, viewport={"width": 320, "height": 800})
    page = context.new_page()
    problems = []
    try:
        for url in urls:
            page.goto(url, wait_until="domcontentloaded")
            problems.extend(reflow_problems(page, url))
    finally:
        context.close()
    print(f"\nreflow: {len(urls)} pages x {len(CONDITIONS)} conditions, {len(problems)} overflowing")
    assert not problems, "\n".join(problems)


def test_wide_table_scrolls_in_its_own_labelled_focusable_region(browser_page, demo_server, demo_db):
    from wagtail.models import Site

    from tests.browser import site_url

    site = Site.objects.get(is_default_site=True)
    browser_page.set_viewport_size({"width": 320, "height": 800})
    browser_page.goto(site_url(demo_server, site, "/bosai/bosai/hinanjo/"))
    region = browser_page.locator(".table-scroll").first
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label")
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
