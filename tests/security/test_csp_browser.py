"""Finding 5 in real Chromium: the Content-Security-Policy breaks neither the public top page nor the
Wagtail admin (login, dashboard, the page editor with its StreamFields): no CSP violation is reported
and the editor's JavaScript runs."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from tests.browser import new_context, site_url

pytestmark = pytest.mark.browser


def test_admin_and_public_top_work_under_the_csp(browser, demo_server, demo_db):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    user, _created = get_user_model().objects.get_or_create(
        username="csp-check", defaults={"email": "csp@city.sukagawa.example", "is_superuser": True, "is_staff": True}
    )
    user.set_password("csp-check-pw")
    user.save()

    context = new_context(browser)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )

    response = page.goto(site_url(demo_server, site, "/"))
    assert response.status == 200 and "Content-Security-Policy" in {k.title() for k in response.headers}
    page.goto(f"{demo_server.url}/admin/login/")
    page.fill("#id_username", "csp-check")
    page.fill("#id_password", "csp-check-pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"{demo_server.url}/admin/pages/{home.pk}/edit/")
    # Wagtail's JavaScript builds the StreamField editors: their containers exist only if it ran.
    page.wait_for_selector("[data-streamfield-stream-container], [data-contentpath]", timeout=30000)
    page.goto(f"{demo_server.url}/admin/pages/")
    context.close()
    assert violations == []
