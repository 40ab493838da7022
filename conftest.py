"""Root fixtures: Playwright with Debian's Chromium, and a live server with the demo content.

Browser tests (marker `browser`) run last, against one seeded demo shared by the whole session:
seeding once keeps CI inside its time budget.
"""

import os
import shutil

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # *.localhost is the demo's water site; keep every name on this machine.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in real Chromium against the seeded demo (runs last)")
    config.addinivalue_line("markers", "frontcache: goes through Varnish in front of the live server (tests/pagecache)")


def pytest_collection_modifyitems(items):
    # After pytest-django's own ordering: browser tests last, they leave the demo in the database.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def playwright_instance():
    # Must start before the test database exists: its event loop otherwise trips Django's async guard.
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def django_db_setup(playwright_instance, django_test_environment, django_db_blocker, django_db_keepdb):
    """pytest-django's database setup, but always creating and serializing the test database.

    Browser tests use no `db` fixture (they share one seeded demo), so pytest-django alone would not
    create a test database for a run of browser tests only. The serialized migrated state lets the
    demo server restore root page and locales after a transactional test emptied the tables.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=0, interactive=False, keepdb=django_db_keepdb, aliases={"default"}, serialized_aliases={"default"}
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=0)


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not shutil.which(CHROMIUM_PATH) and not os.path.exists(CHROMIUM_PATH):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: run `make test`, which installs Debian's chromium."
        )
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """A live server whose database holds the full demo (`seed_demo`), shared by all browser tests."""
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer
    from wagtail.models import Page

    with django_db_blocker.unblock():
        if not Page.objects.filter(depth=1).exists():
            # A transactional test emptied the tables: put back the migrated state first.
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture()
def demo_db(django_db_blocker):
    """Database access inside a browser test (reading what the demo server stored, toggling a setting)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture()
def browser_page(browser, demo_server):
    from tests.browser import new_context

    context = new_context(browser)
    page = context.new_page()
    yield page
    context.close()
