"""Root fixtures: Playwright with Debian's Chromium, and one seeded demo shared by the whole run.

Tests marked `browser` (real Chromium) and `demo` (read the seeded demo database, no browser) run
last, against one `seed_demo` shared by the whole session: seeding once keeps CI inside its time
budget. They use `demo_db` for database access, not `db`: the demo is committed, not rolled back.
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
    config.addinivalue_line(
        "markers", "demo: reads the shared seeded demo database, without a browser (runs last)"
    )


def seeded_demo_order(item):
    """0: own database, 1: reads or rebuilds the seeded demo, 2: browser on the seeded demo."""
    if item.get_closest_marker("browser") is not None:
        return 2
    return 1 if item.get_closest_marker("demo") is not None else 0


def empties_tables(item):
    """1 for a test that commits and empties every table when it ends (pytest-django's transactional
    tests), 0 otherwise: those run after the tests that read the migrated data (the root page)."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.plugin import validate_django_db

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return int(not issubclass(cls, TestCase))
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
            return 1
    fixtures = getattr(item, "fixturenames", ())
    return int("transactional_db" in fixtures or "live_server" in fixtures)


def pytest_collection_modifyitems(items):
    # Runs after pytest-django's ordering and pytest-randomly's shuffle (both `tryfirst`), in whatever
    # order those two ran: the sort is stable, so the shuffle stays within each group. Transactional
    # tests after the others (pytest-django's rule, which a shuffle after it would undo); tests of the
    # seeded demo last, they leave it in the database; demo tests (among them `seed_demo --reset`)
    # before the browser tests, which see a whole demo.
    items.sort(key=lambda item: (seeded_demo_order(item), empties_tables(item)))


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the main thread from here on, and Django
    # refuses ORM calls while a loop runs. Browser tests run last, so only they (and the demo tests
    # among them) run with the guard off.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_modify_db_settings, django_db_blocker, django_db_keepdb):
    """pytest-django's database setup, but always creating the test database.

    Browser and demo tests use no `db` fixture (they share one seeded demo), so pytest-django alone
    would not create a test database for a run of those tests only. `django_db_modify_db_settings`
    gives each xdist worker its own database (test_cms_gw0, ...). Yields the migrated state
    (serialized) so that the seeded demo can restore it after a transactional test emptied the tables.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        # serialized_aliases: what `django_db(serialized_rollback=True)` tests restore.
        db_cfg = setup_databases(
            verbosity=0,
            interactive=False,
            keepdb=django_db_keepdb,
            aliases={"default"},
            serialized_aliases={"default"},
        )
        migrated_state = connection.creation.serialize_db_to_string()
    yield migrated_state
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
def seeded_demo(django_db_setup, django_db_blocker):
    """The full demo (`seed_demo`), built once per run for every browser and demo test."""
    from django.core.management import call_command
    from wagtail.models import Page

    with django_db_blocker.unblock():
        if not Page.objects.filter(depth=1).exists():
            _restore_migrated_state(django_db_setup)
        call_command("seed_demo", stdout=open(os.devnull, "w"))


def _restore_migrated_state(migrated_state):
    """A transactional test emptied the tables when it ended, and post_migrate may have re-created
    content types and permissions with other primary keys: empty them again (without post_migrate)
    and load the migrated state, so that the root page, the locales and the content types are back."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    # reset_sequences=False, as Django's own serialized rollback does: on PostgreSQL the restored rows
    # keep their primary keys, and restarted sequences would hand out those keys again.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_state)
    # The rows came back with their primary keys, the sequences (PostgreSQL) were reset by the
    # flush: move them past those keys, or the demo's first page would be given id 1 again.
    models = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    # The process still caches the re-created content types by their other keys (a page then loads
    # as a workflow task) and Wagtail's cached Site root paths of the emptied tables: forget both.
    ContentType.objects.clear_cache()
    cache.clear()


def _demo_is_missing():
    from wagtail.models import Site

    return Site.objects.count() < 2 or not Site.objects.filter(is_default_site=True).exists()


def start_live_server():
    """pytest-django's live server, handling one request at a time when it shares the test run's
    in-memory SQLite connection.

    With SQLite the test database lives in memory and the server's threads all get the test thread's
    one connection. Chromium sends several requests at once (the page, /admin/jsi18n/, the icon
    sprite, the editing-session ping), and their transactions then interleave on that connection
    ("cannot start a transaction within a transaction", "no such savepoint"): the session save fails
    and Django answers 400 Bad Request (SessionInterrupted), or a page fails with a 500. Wagtail puts
    the sprite's error text into the page and the admin falls back to English without its JavaScript
    catalogue. A server on PostgreSQL keeps its threads, each with its own connection.
    """
    from django.core.servers.basehttp import WSGIServer
    from pytest_django.live_server_helper import LiveServer

    class OneRequestAtATimeServer(WSGIServer):
        # Requests run in the server's own thread, which already uses the shared connections.
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    server = LiveServer("localhost", start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATimeServer
    server.start()
    return server


@pytest.fixture(scope="session")
def demo_server(seeded_demo):
    """A live server on the seeded demo (cms.settings.test allows every host name)."""
    server = start_live_server()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _seeded_demo_still_there(request):
    """A transactional test that ran after the seeding empties every table when it ends: the tests
    of the seeded demo then get it back (seeded again) instead of failing on an empty site."""
    if "seeded_demo" not in request.fixturenames:
        yield
        return
    from django.core.management import call_command
    from wagtail.models import Page

    request.getfixturevalue("seeded_demo")
    django_db_setup = request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        if _demo_is_missing():
            if not Page.objects.filter(depth=1).exists():
                _restore_migrated_state(django_db_setup)
            call_command("seed_demo", stdout=open(os.devnull, "w"))
    yield


@pytest.fixture()
def demo_db(django_db_blocker):
    """Database access inside a browser test (reading what the demo server stored, toggling a setting)."""
    from django.db import connections

    with django_db_blocker.unblock():
        yield
        # The test ran in Playwright's greenlet, whose connection object the session's teardown never
        # sees: left open, PostgreSQL refuses to drop the test database at the end of the run
        # ("being accessed by other users"). An in-memory SQLite database is not closed by this.
        connections.close_all()


@pytest.fixture()
def browser_page(browser, demo_server):
    from tests.browser import new_context

    context = new_context(browser)
    page = context.new_page()
    yield page
    context.close()
