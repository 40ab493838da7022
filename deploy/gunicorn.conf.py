"""gunicorn for 須賀川市 CMS: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi` (docs/deployment.md).

Behind nginx, which buffers slow clients, so plain sync workers are right: a worker renders one page
at a time and the page cache in front answers nearly all anonymous traffic anyway.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/sukagawa-cms/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A page that takes longer than this is killed and logged instead of piling up behind it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never takes the site down on a busy day.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host may say which scheme and address the visitor used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
limit_request_line = 8190
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = None  # nginx logs requests; gunicorn logs only errors
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
proc_name = "sukagawa-cms"

# Django, Wagtail and the search models are loaded once, in the master, before the workers are forked:
# the workers share those pages with the master (copy-on-write) instead of each building its own
# (~650 MB per worker after its first search otherwise). A new release needs a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# Searched once in the master on each Site (see warm_up) so that the search models are built before the
# fork; GUNICORN_WARM_SEARCH="" switches it off.
warm_search = os.environ.get("GUNICORN_WARM_SEARCH", "ごみ 出し方")


def warm_up(server):
    """One search per Site through the WSGI app itself (its public entry point): URL resolver,
    templates, translations, the tokenizer dictionary and the search models end up in the master."""
    from urllib.parse import quote

    from django.conf import settings
    from django.db import connections
    from django.test import Client

    client = Client()
    hosts = [settings.CITY_HOSTNAME, getattr(settings, "WATER_HOSTNAME", "")]
    for host in filter(None, hosts):
        # page=1: the same page as page 1, but not counted in the search statistics.
        path = f"/search/?q={quote(warm_search)}&page=1"
        try:
            response = client.get(path, HTTP_HOST=host, secure=True)
            server.log.info("warm-up %s%s: %s", host, path, response.status_code)
        except Exception:  # a failed warm-up must not keep the site down: the workers build lazily
            server.log.exception("warm-up %s%s failed", host, path)
    # The forked workers must not share the master's database or cache connections.
    connections.close_all()
    from django.core.cache import caches

    caches.close_all()


def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


_trim = _malloc_trim()


def post_request(worker, req, environ, resp):
    # A search reads and scores many index rows and frees them again; glibc keeps the freed heap
    # otherwise, so each worker would stay at its largest search. Giving it back costs well under 1 ms.
    if _trim is not None:
        _trim(0)


def when_ready(server):
    if preload_app and warm_search:
        warm_up(server)
    if preload_app:
        # What the master built stays in shared pages: without this, the workers' garbage collector
        # touches every object once and so copies it into each worker.
        gc.freeze()
