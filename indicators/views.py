"""The page-view beacon: a 1x1 transparent GIF that each public page loads, without cookies.

The HTML stays cacheable (the page cache serves it without Django); this tiny response is never
cached (no-store), so every display reaches Django once, and costs one UPDATE.
"""

import base64

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from indicators.counting import add_view, should_count, within_visitor_limit

# Page ids are 32-bit integers on PostgreSQL: a larger id in the URL must not reach a query (a 500).
LARGEST_PAGE_ID = 2**31 - 1

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def beacon(request, page_id):
    if 0 < page_id <= LARGEST_PAGE_ID and should_count(request) and within_visitor_limit(request, page_id):
        add_view(page_id, request=request)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response
