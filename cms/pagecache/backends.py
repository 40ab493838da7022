"""Wagtail frontend-cache backend for the Varnish configuration in deploy/varnish/default.vcl.

Wagtail's HTTPBackend sends PURGE <path>; our VCL turns that into a ban of the path with every query
string and every visitor-tools variant. On top, `ban_sites` drops every cached page of the given
Sites, for changes that show on many pages (a publish changes menus, lists and breadcrumbs; 災害モード
changes the top page in every language; a snippet shows wherever it is used).
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

# A publish must never wait long for the cache: Varnish answers a ban in microseconds.
TIMEOUT_SECONDS = 2


class VarnishBackend(HTTPBackend):
    def _send(self, method, path, headers):
        url = urlunsplit([self.cache_scheme, self.cache_netloc, path, "", ""])
        request = Request(url, method=method, headers={"User-Agent": "sukagawa-cms-pagecache", **headers})
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - configured LOCATION
                return response.status == 200
        except (URLError, OSError) as error:
            logger.error("ページキャッシュを削除できませんでした (%s %s): %s", method, url, error)
            return False

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return self._send("PURGE", parts.path or "/", {"Host": host})

    def ban_sites(self, site_ids):
        """site_ids: Site primary keys, or None for every Site."""
        if site_ids is None:
            return self._send("BAN", "/", {"X-Ban-Site": "*"})
        ok = True
        for site_id in sorted(site_ids):
            ok = self._send("BAN", "/", {"X-Ban-Site": str(int(site_id))}) and ok
        return ok
