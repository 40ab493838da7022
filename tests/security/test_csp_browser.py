"""Finding 5 in real Chromium: the Content-Security-Policy breaks neither the public top page nor the
Wagtail admin (login, dashboard, the page editor with its StreamFields): no CSP violation is reported
and the editor's JavaScript runs."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from tests.browser import new_context
from tests.home.factories import CityHomePageFactory

# Not `browser`: it runs on its own live server with a minimal site, and as a transactional test it
# empties the tables when it ends (serialized_rollback: the migrated state, with the root page and
# the locales, is loaded first), so it must run before the seeded demo is built.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_and_public_top_work_under_the_csp(browser, live_server):
    home = CityHomePageFactory(parent=Page.get_first_root_node(), slug="csp-home")
    Site.objects.filter(hostname="localhost").delete()
    Site.objects.update(is_default_site=False)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, site_name="須賀川市", is_default_site=True
    )
    get_user_model().objects.create_superuser("csp-check", "csp@city.sukagawa.example", "csp-check-pw")

    context = new_context(browser)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )

    response = page.goto(live_server.url + "/")
    assert response.status == 200 and "Content-Security-Policy" in {k.title() for k in response.headers}
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "csp-check")
    page.fill("#id_password", "csp-check-pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    # Wagtail's JavaScript builds the StreamField editors: their containers exist only if it ran.
    page.wait_for_selector("[data-streamfield-stream-container], [data-contentpath]", timeout=30000)
    page.goto(f"{live_server.url}/admin/pages/")
    context.close()
    assert violations == []
