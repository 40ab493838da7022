"""Counting a page view: one UPDATE of a daily aggregate, nothing else stored.

What is counted (docs/indicators.md): a public Wagtail page displayed by a browser, once per
display, by the 1x1 image the page carries (/pv/<page id>.gif), or from the front server's access
log (count_page_views). Not counted: robots (by user agent), signed-in staff, previews, the admin,
static files and media, pages answered with an error, prefetches; and a visitor's displays of one
page beyond PAGE_VIEWS_PER_VISITOR_PER_DAY a day (Security II #5: one address reloading a page 300
times must not move 計画の指標 or the 「よく見られている質問」 list).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from wagtail.models import Page, Site

from indicators.bots import is_bot
from indicators.fiscal import jst_date
from indicators.models import PageViewDaily

MAX_PATH = PageViewDaily._meta.get_field("path").max_length


def visitor_key(address, user_agent, *what):
    """A salted digest of the visitor (address and browser) and what they viewed: the address is
    never stored, and the digest cannot be turned back into it without SECRET_KEY."""
    text = "\x1f".join([settings.SECRET_KEY, address or "", user_agent or "", *map(str, what)])
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def within_visitor_limit(request, page_id, day=None):
    """Whether this display of the page is within the visitor's daily allowance (counted in the
    shared cache until the day ends; the access log's reader applies the same limit per run)."""
    from cms.security.client_ip import client_ip

    day = day or jst_date()
    key = "pv-visitor:" + visitor_key(client_ip(request), request.headers.get("User-Agent", ""), page_id, day)
    cache.add(key, 0, timeout=25 * 3600)
    try:
        seen = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=25 * 3600)
        seen = 1
    return seen <= settings.PAGE_VIEWS_PER_VISITOR_PER_DAY


def should_count(request):
    """Whether this request is a visitor's view (and not a robot, staff, a preview or a prefetch)."""
    if request.method != "GET":
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if getattr(request, "is_preview", False):
        return False
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    if "prefetch" in purpose or "prerender" in purpose:
        return False
    return not is_bot(request.headers.get("User-Agent", ""))


def add_view(page_id, day=None, request=None, count=1):
    """Add `count` views of a page on `day` (JST today). Returns False when the page cannot be counted.

    The common case is one UPDATE. The first view of a page on a day reads the page (live, with a
    URL on a Site) and creates the row.
    """
    day = day or jst_date()
    if PageViewDaily.objects.filter(page_id=page_id, date=day).update(count=F("count") + count):
        return True
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return False
    site_id, _root_url, page_path = page.get_url_parts(request)
    if site_id is None or page_path is None:
        return False
    try:
        with transaction.atomic():
            PageViewDaily.objects.create(
                site_id=site_id, page=page, path=page_path[:MAX_PATH], date=day, count=count
            )
    except IntegrityError:
        # Another worker created the row between our UPDATE and INSERT.
        PageViewDaily.objects.filter(page_id=page_id, date=day).update(count=F("count") + count)
    return True


def add_path_views(site, path, day, count, page=None):
    """Add views counted from an access log, by page when the path is a page, by path otherwise."""
    if page is not None:
        if PageViewDaily.objects.filter(page=page, date=day).update(count=F("count") + count):
            return
        lookup = {"page": page, "date": day}
    else:
        lookup = {"page": None, "site": site, "date": day, "path": path[:MAX_PATH]}
        if PageViewDaily.objects.filter(**lookup).update(count=F("count") + count):
            return
    try:
        with transaction.atomic():
            PageViewDaily.objects.create(
                site=site, page=page, path=path[:MAX_PATH], date=day, count=count
            )
    except IntegrityError:
        PageViewDaily.objects.filter(**lookup).update(count=F("count") + count)


def water_site_ids():
    """Sites whose root is the water utility's top page (measure 5-4); every other Site is the city's."""
    from django.apps import apps

    try:
        water_home = apps.get_model("water", "WaterHomePage")
    except LookupError:
        return set()
    return set(
        Site.objects.filter(root_page__content_type__app_label="water", root_page__content_type__model=water_home._meta.model_name).values_list("pk", flat=True)
    )
