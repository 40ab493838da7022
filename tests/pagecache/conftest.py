"""Varnish with deploy/varnish/default.vcl in front of pytest-django's live server.

Tests marked `frontcache` go through it. They fail, never skip, when Varnish cannot start: CI must
prove the cache is purged (`make test` installs Debian's varnish).
"""

import http.client
import shutil
import subprocess

import pytest

from cms.pagecache.stack import StackError, free_port, start_varnish


class FrontCache:
    """Varnish's two listeners: visitors on `url`, PURGE/BAN from the application on `purge_url`."""

    def __init__(self, url, purge_url):
        self.url, self.purge_url = url, purge_url


@pytest.fixture(scope="session")
def front_cache(live_server, tmp_path_factory):
    if not shutil.which("varnishd"):
        pytest.fail("varnishd が見つかりません: `make test` は Debian の varnish を入れます。")
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    port, purge_port = free_port(), free_port()
    try:
        processes = start_varnish(tmp_path_factory.mktemp("varnish"), port, backend_port, purge_port, threads=10)
    except (StackError, subprocess.SubprocessError, OSError) as error:
        pytest.fail(f"Varnish を起動できませんでした: {error}")
    yield FrontCache(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{purge_port}")
    for _name, process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def purging_front_cache(front_cache, settings):
    """The front cache, with this process sending its bans to it (as production settings do)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "cms.pagecache.backends.VarnishBackend", "LOCATION": front_cache.purge_url}
    }
    settings.PAGE_CACHE_REBAN_SECONDS = 0
    return front_cache.url


class FrontClient:
    """GET through Varnish with a Host header (the *.localhost names resolve only in browsers)."""

    def __init__(self, base_url):
        self.port = int(base_url.rsplit(":", 1)[1])

    def get(self, path, host="localhost", cookies=None, method="GET"):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Host": host}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        response.text = body
        return response


@pytest.fixture
def front(purging_front_cache):
    return FrontClient(purging_front_cache)
