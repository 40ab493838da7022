"""Every published page of every Site, in every locale it exists in, passes axe-core (WCAG 2.1 A/AA).

Apps add pages that are not Wagtail pages (search results, forms, error pages) through a function
`extra_paths()` in `<app>/crawl.py` that returns (Site, path) pairs.
"""

import importlib
import importlib.util

import pytest
from wagtail.models import Site

from cms.urls import PROJECT_APPS
from tests.browser import format_violations, page_url, run_axe, screenshot, site_url

pytestmark = pytest.mark.browser


def _page_urls(server):
    urls = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        roots = [site.root_page, *site.root_page.get_translations()]
        for root in roots:
            pages = root.get_descendants(inclusive=True).live().public().specific()
            for page in pages:
                name = f"{site.hostname}-{page.locale.language_code}-{type(page).__name__}"
                urls.append((page_url(server, page), name))
    return urls


def _extra_urls(server):
    urls = []
    for site in Site.objects.order_by("hostname"):
        urls.append((site_url(server, site, "/search/?q=%E3%81%94%E3%81%BF"), f"{site.hostname}-search"))
        urls.append((site_url(server, site, "/no-such-page-for-the-crawl/"), f"{site.hostname}-404"))
    for app in PROJECT_APPS:
        if importlib.util.find_spec(f"{app}.crawl") is None:
            continue
        module = importlib.import_module(f"{app}.crawl")
        for site, path in module.extra_paths():
            urls.append(
                (site_url(server, site, path), f"{site.hostname}-{app}-{path.strip('/').replace('/', '-')}")
            )
    return urls


# The crawl in shares (every SHARES-th page), so that xdist's two workers take one each: whole, it
# was the longest test of the run (about 220 s) and held one worker while the other waited.
SHARES = 2
SHARE_IDS = [f"share{share + 1}of{SHARES}" for share in range(SHARES)]


def crawl_share(urls, share):
    return urls[share::SHARES]


@pytest.mark.parametrize("share", range(SHARES), ids=SHARE_IDS)
def test_every_public_page_passes_axe(browser_page, demo_server, demo_db, share):
    urls = _page_urls(demo_server) + _extra_urls(demo_server)
    assert len(urls) >= 4
    # One full-page screenshot per page type and language (its first page in the whole crawl).
    first_of_name = {}
    for index, (_url, name) in enumerate(urls):
        first_of_name.setdefault(name, index)
    shots = set(first_of_name.values())
    urls = crawl_share(list(enumerate(urls)), share)
    problems = []
    for index, (url, name) in urls:
        response = browser_page.goto(url, wait_until="load")
        assert response is not None, url
        if response.status >= 500:
            problems.append(f"{url}  HTTP {response.status}")
            continue
        problems.extend(format_violations(url, run_axe(browser_page)))
        if index in shots:
            screenshot(browser_page, name)
    print(f"\naccessibility crawl: {len(urls)} pages checked, {len(problems)} violations")
    assert not problems, f"{len(problems)} accessibility problems in {len(urls)} pages:\n" + "\n".join(
        problems
    )
