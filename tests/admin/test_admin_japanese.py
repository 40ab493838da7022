"""Each of the five roles works through the admin screens they use, in real Chromium, and sees no
English UI text (outside the allow-list in tests/admin/english.py).

Much of Wagtail's admin is rendered by JavaScript (side panels, the block picker, the translation
editor), so the text is read from the rendered page, not from the HTML the server sent.
"""

import pytest
from django.conf import settings

from tests.admin.english import visible_english
from tests.admin.screens import (
    PASSWORD,
    ROLE_GROUPS,
    content_strings,
    ensure_role_users,
    role_username,
    screens_for,
)
from tests.browser import new_context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def role_setup(demo_server, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_role_users()
        screens = {role: screens_for(role) for role in ROLE_GROUPS}
        content = content_strings()
    return screens, content


def log_in(page, server, role):
    page.goto(f"{server.url}/admin/login/")
    page.fill("#id_username", role_username(role))
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def without_content(found, content):
    """Drop English that is content: a run inside something an editor wrote (titles, translations)."""
    return [text for text in found if not any(text in string for string in content)]


@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_role_sees_the_admin_in_japanese(browser, demo_server, demo_db, role_setup, role):
    screens, content = role_setup
    context = new_context(browser, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    problems = []
    # A failed request behind a screen (the JavaScript catalogue, the icon sprite, a side panel)
    # leaves English or an error text on it: each one is a problem of the screen being opened.
    # Not /media/: the tests store files in memory (cms.settings.test), which the live server's
    # media handler, reading MEDIA_ROOT on disk, cannot serve.
    failed = []

    def record_failure(response):
        path = response.url.removeprefix(demo_server.url)
        if response.status >= 400 and path != response.url and not path.startswith(settings.MEDIA_URL):
            failed.append(f"HTTP {response.status} {response.request.method} {path}")

    page.on("response", record_failure)
    try:
        page.goto(f"{demo_server.url}/admin/login/")
        problems += [f"ログイン画面: {text}" for text in visible_english(page)]
        log_in(page, demo_server, role)
        for label, path, action in screens[role]:
            failed.clear()
            response = page.goto(f"{demo_server.url}{path}")
            page.wait_for_load_state("networkidle")
            if response is None or response.status >= 400:
                problems.append(f"{label} {path}: HTTP {response.status if response else '?'}")
                continue
            if action is not None:
                action(page)
            for text in without_content(visible_english(page), content):
                problems.append(f"{label} {path}: {text!r}")
            problems += [f"{label} {path}: {request}" for request in failed]
    finally:
        context.close()
    assert not problems, f"{role}: English or errors on the admin screens:\n" + "\n".join(problems)
