"""Dropping cached pages when what they show changes.

Bans are sent after the database transaction commits: sent earlier, a request arriving between the ban
and the commit would put the old page back in the cache. A second ban follows shortly after, for a
page that was being rendered from the old data while the first ban went out.
"""

import threading

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends

ALL_SITES = None

_pending = threading.local()


def _backends():
    return [backend for backend in get_backends().values() if hasattr(backend, "ban_sites")]


def send_bans(site_ids):
    results = [backend.ban_sites(site_ids) for backend in _backends()]
    return all(results)


def _flush():
    site_ids = getattr(_pending, "site_ids", set())
    everything = getattr(_pending, "everything", False)
    _pending.site_ids, _pending.everything = set(), False
    target = ALL_SITES if everything else site_ids
    if not everything and not site_ids:
        return
    send_bans(target)
    if settings.PAGE_CACHE_REBAN_SECONDS:
        _schedule_reban(target)


_reban_lock = threading.Lock()
_reban = {"timer": None, "site_ids": set(), "everything": False}


def _schedule_reban(target):
    # One timer at a time, whatever the number of commits meanwhile (an import without a transaction).
    with _reban_lock:
        if target is ALL_SITES:
            _reban["everything"] = True
        else:
            _reban["site_ids"].update(target)
        if _reban["timer"] is None:
            timer = threading.Timer(settings.PAGE_CACHE_REBAN_SECONDS, _reban_now)
            timer.daemon = True
            _reban["timer"] = timer
            timer.start()


def _reban_now():
    with _reban_lock:
        target = ALL_SITES if _reban["everything"] else set(_reban["site_ids"])
        _reban.update(timer=None, site_ids=set(), everything=False)
    send_bans(target)


def ban_sites(site_ids=ALL_SITES):
    """Drop the cached pages of these Sites (None: every Site) once the current transaction commits."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if site_ids is ALL_SITES:
        _pending.everything = True
    else:
        if not hasattr(_pending, "site_ids"):
            _pending.site_ids = set()
        _pending.site_ids.update(pk for pk in site_ids if pk is not None)
    # The first callback after the commit sends everything pending, the others find nothing left: one
    # ban per Site per transaction, however many pages an import publishes. After a rollback the ids
    # stay pending and go out with the next ban (one ban too many, never one too few).
    transaction.on_commit(_flush)


def ban_site_of_page(page):
    if not settings.WAGTAILFRONTENDCACHE:
        return  # no front cache (make run, tests): not even a query
    try:
        site = page.get_site()
    except Exception:  # noqa: BLE001 - dropping the cache must never stop a publish; drop it all instead
        site = None
    ban_sites(ALL_SITES if site is None else [site.pk])
