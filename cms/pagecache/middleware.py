"""Marks the responses the front server (Varnish, deploy/varnish/default.vcl) may keep.

Django decides, Varnish obeys: Varnish stores only responses carrying `s-maxage` and no Set-Cookie, so
anything this middleware does not mark (search results, application steps, previews, the admin,
responses for signed-in staff, pages that set their own Cache-Control) is always passed to Django.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

CACHEABLE_STATUS = {200, 404}


def _remove_vary(response, header):
    if not response.has_header("Vary"):
        return
    kept = [
        v.strip() for v in response["Vary"].split(",") if v.strip() and v.strip().lower() != header.lower()
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def is_public_page_response(request, response):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return False
    if request.method not in ("GET", "HEAD") or response.status_code not in CACHEABLE_STATUS:
        return False
    if getattr(request, "is_preview", False) or response.streaming:
        return False
    # A signed-in editor sees the userbar and drafts' links: never shared.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(name in request.GET for name in settings.PAGE_CACHE_UNCACHED_QUERY_PARAMETERS):
        return False
    return True


def mark_shared(request, response, seconds):
    """Let the front cache keep a view's anonymous answer for `seconds` (s-maxage), as a page of its
    Site: a ban of the Site (a publish, 災害モード …) drops it with the pages. For views that are not
    Wagtail pages (the search results); nothing for signed-in staff, other methods or set cookies."""
    if not seconds or request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or response.cookies
        or response.has_header("Cache-Control")
    ):
        return response
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    _remove_vary(response, "Accept-Language")
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is not None:
        response["X-Page-Cache-Site"] = str(site.pk)
    return response


class PageCacheMiddleware:
    """Outermost middleware: sees the final headers, cookies included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_public_page_response(request, response):
            if (
                getattr(request, "resolver_match", None) is not None
                and request.resolver_match.url_name == "wagtail_serve"
                and not response.has_header("Cache-Control")
            ):
                patch_cache_control(response, private=True)
            return response
        # Pages that say how they may be cached (no-store on application steps) keep their word, and a
        # response that sets a cookie (a CSRF token, a message) belongs to one visitor.
        if response.has_header("Cache-Control") or response.cookies:
            return response
        ttl = seconds if response.status_code == 200 else min(seconds, 60)
        # Browsers revalidate every time (max-age=0): a publish is visible on the next reload.
        patch_cache_control(response, public=True, max_age=0, s_maxage=ttl)
        # Wagtail pages take their language from the path (i18n_patterns without a prefix for
        # Japanese), so LocaleMiddleware's Vary: Accept-Language would only split the cache.
        _remove_vary(response, "Accept-Language")
        from wagtail.models import Site

        site = Site.find_for_request(request)  # cached on the request by Wagtail's routing
        if site is not None:
            # Bans address a Site by id, whatever host name the visitor used.
            response["X-Page-Cache-Site"] = str(site.pk)
        return response
