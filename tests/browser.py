"""Helpers for tests in real Chromium: demo URLs, axe-core runs and screenshots."""

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


def new_context(browser, **kwargs):
    context = browser.new_context(locale="ja-JP", **kwargs)
    context.add_init_script(path=str(AXE_JS))
    return context


def site_url(server, site, path="/"):
    """The live server's URL for a path on a Wagtail Site (its hostname, the server's port)."""
    port = urlsplit(server.url).port
    return f"http://{site.hostname}:{port}{path}"


def page_url(server, page):
    site_id, _root_url, path = page.get_url_parts()
    from wagtail.models import Site

    return site_url(server, Site.objects.get(pk=site_id), path)


def run_axe(page):
    """axe-core with the WCAG 2.1 A/AA rules; returns the violations as axe reports them."""
    page.wait_for_function("() => typeof window.axe !== 'undefined'")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def format_violations(url, violations):
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"{url}  [{violation['id']}] {violation['help']}  @ {target}")
    return lines


def assert_no_axe_violations(page, label=None):
    violations = run_axe(page)
    lines = format_violations(label or page.url, violations)
    assert not lines, "axe-core violations:\n" + "\n".join(lines)


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
