"""The page-view beacon: a 1x1 transparent GIF that each public page loads, without cookies.

The HTML stays cacheable (the page cache serves it without Django); this tiny response is never
cached (no-store), so every display reaches Django once, and costs one UPDATE.
"""

import base64

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from indicators.counting import add_view, should_count

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def beacon(request, page_id):
    if should_count(request):
        add_view(page_id, request=request)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response
