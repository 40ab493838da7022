"""Counting page views from the front server's access log (deploy/nginx/sukagawa-cms.conf).

The log format of the page-cache deployment (`log_format sukagawa_cms`):

    $remote_addr - [$time_local] "$request" $status $body_bytes_sent "$http_referer"
    "$http_user_agent" $request_time cache=$upstream_http_x_cache host=$host

nginx's standard "combined" format is read too (then every line belongs to one Site, --host). An
optional `staff=1` field (see docs/indicators.md: an nginx `map` on the session cookie's presence,
never its value) marks signed-in staff, who are not counted.

Each line is parsed in memory and forgotten: the address, the referrer, the user agent and the time
of day are never written anywhere; only (Site, page or path, JST date) -> count is kept.
"""

import datetime
import re

from django.conf import settings
from wagtail.models import Page, Site

from indicators.bots import is_bot
from indicators.fiscal import JST

LINE = re.compile(
    r'^(?P<address>\S+) - (?:\S+ )?\[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<target>\S+)[^"]*" (?P<status>\d{3}) \S+ '
    r'"(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)"(?P<rest>.*)$'
)
HOST = re.compile(r"\bhost=(\S+)")
STAFF = re.compile(r"\bstaff=1\b")
COUNTED_STATUS = {"200", "304"}  # 304: the browser showed its copy again after asking (max-age=0)
EXCLUDED_PREFIXES = (
    "/static/", "/media/", "/admin", "/django-admin", "/documents/", "/pv/", "/cms-preview",
)
# A path whose last segment has an extension is a file (feed, CSV, image, robots.txt), not a page.
FILE_LIKE = re.compile(r"/[^/]+\.[A-Za-z0-9]{1,5}$")


def parse_line(line):
    """(host or None, path, JST date, is staff) of a countable page request, or None."""
    match = LINE.match(line)
    if match is None or match["method"] != "GET" or match["status"] not in COUNTED_STATUS:
        return None
    path = match["target"].split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith(EXCLUDED_PREFIXES) or FILE_LIKE.search(path):
        return None
    if is_bot(match["agent"].replace('\\"', '"')):
        return None
    if STAFF.search(match["rest"]):
        return None
    try:
        moment = datetime.datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z")
    except ValueError:
        return None
    host = HOST.search(match["rest"])
    return (host[1].lower().split(":")[0] if host else None), path, moment.astimezone(JST).date()


class PageResolver:
    """Path on a Site -> live page (or None), one query per distinct path and run."""

    def __init__(self):
        self.cache = {}
        prefixes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        alternatives = "|".join(re.escape(code) for code in prefixes)
        self.prefix = re.compile(rf"^/({alternatives})(/.*)$") if prefixes else None
        self.roots = {}

    def _root_path(self, site, language):
        key = (site.pk, language)
        if key not in self.roots:
            root = site.root_page
            if language:
                translation = (
                    Page.objects.filter(translation_key=root.translation_key, locale__language_code=language)
                    .only("url_path")
                    .first()
                )
                root = translation or root
            self.roots[key] = root.url_path
        return self.roots[key]

    def resolve(self, site, path):
        key = (site.pk, path)
        if key not in self.cache:
            language, rest = None, path
            if self.prefix and (match := self.prefix.match(path)):
                language, rest = match[1], match[2]
            url_path = self._root_path(site, language) + rest.lstrip("/")
            if not url_path.endswith("/"):
                url_path += "/"
            self.cache[key] = Page.objects.filter(url_path=url_path, live=True).only("pk").first()
        return self.cache[key]


def aggregate(lines, default_host=None):
    """{(host, path, date): count} of the countable lines, at most PAGE_VIEWS_PER_VISITOR_PER_DAY
    displays of a page by one visitor (address and browser, held in memory for this run only)."""
    from indicators.counting import visitor_key

    counts = {}
    per_visitor = {}
    limit = settings.PAGE_VIEWS_PER_VISITOR_PER_DAY
    for line in lines:
        parsed = parse_line(line)
        if parsed is None:
            continue
        host, path, day = parsed
        key = (host or default_host, path, day)
        match = LINE.match(line)
        visitor = visitor_key(match["address"], match["agent"], *key)
        per_visitor[visitor] = per_visitor.get(visitor, 0) + 1
        if per_visitor[visitor] > limit:
            continue
        counts[key] = counts.get(key, 0) + 1
    return counts


def sites_by_host():
    return {site.hostname.lower(): site for site in Site.objects.select_related("root_page")}
