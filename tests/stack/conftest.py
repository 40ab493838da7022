"""The `make serve` chain (cms.pagecache.stack: front nginx, Varnish, app nginx, gunicorn with
production settings and 2 workers, Redis) on the test database, attacked through its front.

Marked `stack`: a plain `pytest` run leaves these tests out (one run takes over 5 minutes, most of it
waiting with gunicorn killed); `.ci/run` runs them once, on PostgreSQL: `pytest -m stack tests/stack`.
Distinct visitors are distinct loopback source addresses (127.0.0.2, 127.0.0.3 …) connecting to the
front on 127.0.0.1; nothing leaves this machine.
"""

import http.client
import re
from urllib.parse import quote, urlencode

import pytest

STAFF_PASSWORD = "Sukagawa-stack-2026"
STAFF = ["hisho_koho", "keiei", "admin_stack"]  # 秘書広報課, 経営課 and an administrator


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "stack: through the `make serve` chain (tests/stack; run with -m stack)"
    )
    config.addinivalue_line("markers", "kills_gunicorn: runs last in tests/stack: the app server stays dead")


def _selected(config):
    return "stack" in (config.getoption("markexpr") or "")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    stack_items = [item for item in items if item.get_closest_marker("stack") is not None]
    if not stack_items:
        return
    if not _selected(config):
        # Not asked for: the chain is not started (`pytest -m stack tests/stack` runs them).
        config.hook.pytest_deselected(items=stack_items)
        items[:] = [item for item in items if item.get_closest_marker("stack") is None]
        return
    # Whatever order the plugins chose: the test that kills gunicorn goes last.
    items.sort(key=lambda item: item.get_closest_marker("kills_gunicorn") is not None)


class Response:
    def __init__(self, response, body):
        self.status = response.status
        self.headers = response.headers
        self.text = body.decode("utf-8", "replace")
        self.cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def header(self, name):
        return self.headers.get(name)


class Visitor:
    """One visitor: its own loopback source address and cookie jar, talking to the front nginx."""

    def __init__(self, stack, address="127.0.0.1", host="localhost"):
        self.stack, self.address, self.host = stack, address, host
        self.cookies = {}

    @property
    def origin(self):
        return f"http://{self.host}:{self.stack.port}"

    def request(self, method, path, body=None, headers=None, host=None, port=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", port or self.stack.port, timeout=30, source_address=(self.address, 0)
        )
        all_headers = {"Host": f"{host or self.host}:{self.stack.port}", "User-Agent": "tests/stack"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Origin"] = self.origin
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        raw = connection.getresponse()
        response = Response(raw, raw.read())
        connection.close()
        self.cookies.update(response.cookies)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields, **kwargs):
        return self.request("POST", path, body=urlencode(fields), **kwargs)

    def csrf_token(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "CSRF のトークンがフォームにありません"
        return match.group(1)

    def log_in(self, username, password):
        """The admin's login form as a browser sends it: token from the page, Origin with the port."""
        page = self.get("/admin/login/")
        assert page.status == 200, page.status
        return self.post_form(
            "/admin/login/",
            {"csrfmiddlewaretoken": self.csrf_token(page.text), "username": username, "password": password,
             "next": "/admin/"},
        )  # fmt: skip


def database_url(settings_dict):
    user, password = quote(settings_dict["USER"] or ""), quote(settings_dict["PASSWORD"] or "")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def stack(seeded_demo, django_db_blocker, tmp_path_factory):
    """The chain on a free port (never 80), its files under a 0700 directory, on the test database."""
    from axes.utils import reset as axes_reset
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.db import connection

    from cms.pagecache.stack import Stack, StackError, free_port

    if connection.vendor != "postgresql":
        pytest.fail(
            "tests/stack は PostgreSQL で実行します（DATABASE_URL=postgres://… を設定してください）。"
        )
    with django_db_blocker.unblock():
        for username in STAFF:
            user, _created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            user.is_staff = user.is_superuser = True
            # Hashed as production hashes (the test settings' fast MD5 hasher is unknown there).
            user.password = PBKDF2PasswordHasher().encode(STAFF_PASSWORD, PBKDF2PasswordHasher().salt())
            user.save()
        # Lockouts left by an earlier run on a kept database (--reuse-db) would be that run's, not ours.
        axes_reset()
    # A home directory nginx's workers could not traverse as `nobody`: 0700, as any user's home.
    home = tmp_path_factory.mktemp("home")
    home.chmod(0o700)
    srv = home / "srv"
    env = {
        "DATABASE_URL": database_url(connection.settings_dict),
        "STATIC_ROOT": str(srv / "static"),
        "MEDIA_ROOT": str(srv / "media"),
        "EMERGENCY_STATIC_ROOT": str(srv / "emergency_static"),
        "DJANGO_SECRET_KEY": "tests-stack-" + "x" * 50,
    }
    (srv / "media" / "documents").mkdir(parents=True)
    (srv / "media" / "documents" / "gomi-calendar.txt").write_text("ごみ収集カレンダー\n", encoding="utf-8")
    chain = Stack(port=free_port(), workers=2, workdir=home / "run", env=env)
    chain.home = home
    try:
        chain.start()
    except (StackError, OSError) as error:
        chain.stop()
        pytest.fail(f"`make serve` の構成を起動できませんでした: {error}")
    yield chain
    chain.stop()


@pytest.fixture
def db_access(django_db_blocker):
    """The test database as the stack's gunicorn sees it: what a test writes is committed at once."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def bans_to_stack(stack, settings):
    """This process bans like a gunicorn worker of the stack (to Varnish's purge listener)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "cms.pagecache.backends.VarnishBackend", "LOCATION": stack.purge_url}
    }
    return stack


@pytest.fixture
def visitor(stack):
    def make(address="127.0.0.1", host="localhost"):
        return Visitor(stack, address, host)

    return make
