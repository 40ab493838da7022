"""The live server of the browser tests answers requests that arrive together, as Chromium sends
them for every admin screen (the page, /admin/jsi18n/, the icon sprite), without a 400 or a 500.

On SQLite the server shares the test run's one in-memory connection; requests handled in parallel
on it broke each other's session save (400 Bad Request, the admin in English). See
`start_live_server` in conftest.py.
"""

import threading
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import start_live_server

# Transactional, as the seeded demo is: the server's requests then start their own transactions
# (inside a test's rollback transaction they would only be savepoints, and a PostgreSQL server
# thread would not see the test's user). serialized_rollback, as in tests/security/test_csp_browser.py:
# the migrated state is loaded first; the tables are emptied at the end, before the demo is seeded.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture()
def live_server_on_test_data():
    server = start_live_server()
    yield server
    server.stop()


def test_requests_sent_together_by_a_signed_in_editor_all_succeed(live_server_on_test_data, admin_user):
    client = Client()
    client.force_login(admin_user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    paths = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
    ] * 4
    statuses = []

    def fetch(path):
        request = urllib.request.Request(f"{live_server_on_test_data.url}{path}", headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                statuses.append((path, response.status))
        except urllib.error.HTTPError as error:
            statuses.append((path, error.code))

    for _round in range(3):
        threads = [threading.Thread(target=fetch, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [(path, status) for path, status in statuses if status != 200] == []
    assert len(statuses) == 3 * len(paths)
