"""Links that repeat the current URL (hreflang, the language switcher, the visitor tools' `next`)
keep only the query parameters the site's own pages read, each bounded: the raw query string is
never copied into a page (a 63 KB query once came back as 907 KB of links)."""

from urllib.parse import urlencode

# Parameters of the site's own listings and forms: search, FAQ, news, water rates and quality.
LINK_QUERY_PARAMS = ("q", "kind", "page", "category", "month", "status", "diameter", "usage")
MAX_VALUE_LENGTH = 200


def bounded_query(request):
    params = []
    for name in LINK_QUERY_PARAMS:
        value = request.GET.get(name)
        if value:
            params.append((name, value[:MAX_VALUE_LENGTH]))
    return urlencode(params)


def bounded_full_path(request):
    """request.get_full_path() with the query string reduced to LINK_QUERY_PARAMS."""
    query = bounded_query(request)
    return request.path + (f"?{query}" if query else "")
