"""Render pages in-process (Django's test client, the whole middleware stack) and read their titles.

Used by the drill, on the live site and on the restored copy, and by the emergency static copy.
"""

import html
import re

from django.test import Client
from django.utils import translation

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")


def _text(pattern, content):
    match = pattern.search(content)
    return " ".join(html.unescape(TAGS.sub("", match.group(1))).split()) if match else ""


def fetch(host, path):
    """(status, html) of one page as a visitor on `host` sees it, over HTTPS (production redirects
    plain HTTP). The active language is restored afterwards: this may run inside another request."""
    with translation.override(translation.get_language()):
        response = Client(raise_request_exception=False, HTTP_HOST=host).get(path, secure=True)
        content = (
            response.content.decode(response.charset or "utf-8", "replace")
            if response.status_code == 200
            else ""
        )
    return response.status_code, content


def render_summary(host, path):
    status, content = fetch(host, path)
    return {
        "host": host,
        "path": path,
        "status": status,
        "title": _text(TITLE, content),
        "h1": _text(H1, content),
    }
