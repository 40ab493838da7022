"""Finding 5 in real Chromium: the Content-Security-Policy breaks neither the public site nor the
Wagtail admin (dashboard, page editor with StreamFields, settings), i.e. no CSP violation is reported."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from tests.browser import new_context, site_url

pytestmark = pytest.mark.browser


def _violations(page):
    found = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


def test_admin_and_public_pages_work_under_the_csp(browser, demo_server, demo_db):
    user_model = get_user_model()
    if not user_model.objects.filter(username="csp-check").exists():
        user_model.objects.create_superuser("csp-check", "csp@city.sukagawa.example", "csp-check-pw")
    city = Site.objects.get(is_default_site=True)
    water = Site.objects.exclude(pk=city.pk).filter(hostname__startswith="water").first()
    context = new_context(browser)
    page = context.new_page()
    violations = _violations(page)

    page.goto(site_url(demo_server, city, "/"))
    assert page.locator("main").count() == 1
    if water is not None:
        page.goto(site_url(demo_server, water, "/apply/"))
        assert page.locator("form").count() >= 1

    page.goto(site_url(demo_server, city, "/admin/login/"))
    page.fill("#id_username", "csp-check")
    page.fill("#id_password", "csp-check-pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.locator("#wagtail").count() == 1 or page.locator("main").count() >= 1
    page.goto(site_url(demo_server, city, f"/admin/pages/{city.root_page_id}/edit/"))
    page.wait_for_selector("[data-streamfield-stream-container], .w-panel", timeout=20000)
    # The editor's JavaScript ran: its side panels and the save button are interactive.
    assert page.locator("button[type=submit], [data-w-dropdown-target]").count() >= 1
    page.goto(site_url(demo_server, city, "/admin/pages/"))
    context.close()
    assert violations == []
