"""The emergency static copy: plain HTML files of the disaster pages, with their CSS, in a folder
any web server can serve when the application server does not answer.

Each app says which pages of a Site belong in the copy, in `<app>/emergency_pages.py`:
`emergency_paths(site)` (the first path of the first app becomes index.html), `affects(page)` (does
publishing this page change the copy?) and `SETTINGS_MODELS` (model labels whose save changes it).

Layout: EMERGENCY_STATIC_ROOT/<hostname>/index.html, …/<page path>/index.html, …/static/… .
Links between copied pages are relative (they open from file:// too); links to pages that are not
copied point to the live site, for when it is back.
"""

import datetime
import functools
import html
import importlib
import importlib.util
import json
import logging
import posixpath
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import transaction
from wagtail.models import Site

from .backup import JST, jst_display
from .rendering import fetch

logger = logging.getLogger(__name__)
COPY_INFO = "emergency-copy.json"
ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
MAIN_OPEN = re.compile(r"<main\b[^>]*>")
# Elements that only make sense on the live site (the page-view counter image): the copy opens from a
# folder and must ask no server for anything, so they are left out.
LIVE_ONLY = re.compile(r"<(\w+)\b[^>]*\sdata-live-only\b[^>]*>(?:\s*</\1>)?")


@functools.cache
def hook_modules():
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.emergency_pages"
        if config.name != "bcp" and importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def output_root():
    root = getattr(settings, "EMERGENCY_STATIC_ROOT", "")
    return Path(root) if root else None


def site_paths(site):
    paths = []
    for module in hook_modules():
        for path in module.emergency_paths(site):
            if path not in paths:
                paths.append(path)
    return paths


def _file_for(path):
    """Request path → file in the copy: "/" → index.html, "/a/b/" → a/b/index.html (query dropped)."""
    clean = unquote(urlsplit(path).path).strip("/")
    return f"{clean}/index.html" if clean else "index.html"


def _relative(from_file, to_file):
    relative = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return quote(relative)


class _SiteCopy:
    def __init__(self, site, folder):
        self.site = site
        self.folder = folder
        self.copied_assets = set()
        self.files = {}  # URL path (no query) -> file in the copy

    def asset(self, url_path, kind):
        """Copy a static or media file; return its path in the copy, or None when it is missing."""
        if kind == "static":
            name = unquote(url_path[len(settings.STATIC_URL) :])
            target = f"static/{name}"
        else:
            name = unquote(url_path[len(settings.MEDIA_URL) :])
            target = f"media/{name}"
        if target in self.copied_assets:
            return target
        destination = self.folder / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        if kind == "static":
            found = None
            try:
                if staticfiles_storage.exists(name):
                    found = staticfiles_storage.path(name)
            except NotImplementedError:
                found = None
            found = found or finders.find(name)
            if not found:
                return None
            shutil.copyfile(found, destination)
        else:
            if not default_storage.exists(name):
                return None
            with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out)
        self.copied_assets.add(target)
        if target.endswith(".css"):
            self._rewrite_css(url_path, destination)
        return target

    def _rewrite_css(self, css_url_path, destination):
        """Files a stylesheet refers to (images, fonts, @import) are copied next to it."""
        text = destination.read_text(encoding="utf-8")
        for _quote, ref in CSS_URL.findall(text):
            if ref.startswith(("data:", "http:", "https:", "//", "#")):
                continue
            absolute = posixpath.normpath(posixpath.join(posixpath.dirname(css_url_path), ref.split("?")[0]))
            if absolute.startswith(settings.STATIC_URL.rstrip("/")):
                self.asset(absolute, "static")

    def rewrite(self, from_file, content):
        own_hosts = {self.site.hostname, f"{self.site.hostname}:{self.site.port}"}

        def replace(match):
            url = html.unescape(match.group(2))
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.netloc in own_hosts:
                url = (
                    parts.path
                    + (f"?{parts.query}" if parts.query else "")
                    + (f"#{parts.fragment}" if parts.fragment else "")
                )
                parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                return match.group(0)  # tel:, mailto:, other sites, fragments, relative links
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            new = None
            if parts.path.startswith(settings.STATIC_URL):
                copied = self.asset(parts.path, "static")
                new = _relative(from_file, copied) if copied else None
            elif settings.MEDIA_URL and parts.path.startswith(settings.MEDIA_URL):
                copied = self.asset(parts.path, "media")
                new = _relative(from_file, copied) if copied else None
            elif parts.path in self.files and not parts.query:
                new = _relative(from_file, self.files[parts.path]) + fragment
            if new is None:
                new = self.site.root_url.rstrip("/") + url  # not in the copy: the live site
            return f"{match.group(1)}{html.escape(new)}{match.group(3)}"

        return ATTRIBUTE.sub(replace, content)


def _note(moment):
    return (
        '<p style="margin:0 0 1em;padding:.5em;border:2px solid #000;background:#fff;color:#000">'
        f"このページは、サーバーの停止に備えた非常用の写しです（{jst_display(moment)}時点）。"
        "</p>"
    )


def export_site(site, root, now=None):
    """Write the copy of one Site; the old copy is replaced only once the new one is complete."""
    now = now or datetime.datetime.now(tz=JST)
    paths = site_paths(site)
    if not paths:
        return None
    final = root / site.hostname
    building = root / f".{site.hostname}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    copy = _SiteCopy(site, building)
    for number, path in enumerate(paths):
        file = "index.html" if number == 0 else _file_for(path)
        copy.files.setdefault(urlsplit(path).path, file)
    pages = []
    for number, path in enumerate(paths):
        status, content = fetch(site.hostname, path)
        if status != 200:
            logger.warning("emergency copy: %s%s answered %s", site.hostname, path, status)
            continue
        file = "index.html" if number == 0 else _file_for(path)
        content = copy.rewrite(file, LIVE_ONLY.sub("", content))
        content = MAIN_OPEN.sub(lambda match: match.group(0) + _note(now), content, count=1)
        target = building / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        pages.append({"path": path, "file": file})
    info = {"site": site.hostname, "exported_at": now.isoformat(), "pages": pages}
    (building / COPY_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    old = root / f".{site.hostname}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    building.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return info


def export_all(root=None):
    root = Path(root) if root else output_root()
    if root is None:
        return []
    root.mkdir(parents=True, exist_ok=True)
    results = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        info = export_site(site, root)
        if info:
            results.append(info)
    return results


def copied_paths(site):
    root = output_root()
    info_file = root / site.hostname / COPY_INFO if root else None
    if not info_file or not info_file.exists():
        return set()
    return {
        urlsplit(page["path"]).path for page in json.loads(info_file.read_text(encoding="utf-8"))["pages"]
    }


# --- after publishing ------------------------------------------------------------------------

_pending = threading.local()


def schedule_export(sites=None):
    """Export the given Sites (all when None) once after the current transaction commits, however
    many saves it contains. Runs in the publishing request; a failure is logged and never blocks
    the editor's publish."""
    if output_root() is None:
        return
    wanted = getattr(_pending, "sites", None)
    if wanted is not None:  # already scheduled in this transaction: widen it
        wanted.update(sites or {None})
        return
    _pending.sites = set(sites or {None})

    def run():
        targets, _pending.sites = _pending.sites, None
        started = time.monotonic()
        try:
            root = output_root()
            root.mkdir(parents=True, exist_ok=True)
            queryset = Site.objects.select_related("root_page").order_by("hostname")
            if None not in targets:
                queryset = queryset.filter(pk__in=[site.pk for site in targets])
            for site in queryset:
                export_site(site, root)
        except Exception:  # noqa: BLE001 - the copy is a fallback; publishing must go on
            logger.exception("emergency static copy failed")
        else:
            logger.info("emergency static copy written in %.2fs", time.monotonic() - started)

    transaction.on_commit(run)


def sites_of(page):
    parts = page.get_url_parts()
    return set(Site.objects.filter(pk=parts[0])) if parts else set()


def page_affects_copy(page):
    if any(getattr(module, "affects", lambda page: False)(page) for module in hook_modules()):
        return True
    for site in Site.objects.all():
        parts = page.get_url_parts()
        if parts and parts[0] == site.pk and urlsplit(parts[2]).path in copied_paths(site):
            return True
    return False


def settings_model_labels():
    labels = []
    for module in hook_modules():
        labels += getattr(module, "SETTINGS_MODELS", [])
    return labels
