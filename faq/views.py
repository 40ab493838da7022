"""「この回答は役に立ちましたか？」 posts here, so that the FAQ page itself carries no CSRF token and stays in
the page cache (cms.pagecache).

Why no CSRF token: the answer is anonymous and rate limited per client (faq.feedback); CSRF protects
what a signed-in visitor may do, and here a forged post can do nothing a direct post cannot. Posts that
a browser marks as coming from another site (Origin, or Referer when Origin is absent) are still refused.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import FAQPage


def _from_this_site(request):
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return not request.headers.get("Origin")  # "null" Origin: sandboxed or privacy-stripped frame
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    return parts.netloc == request.get_host() or origin in settings.CSRF_TRUSTED_ORIGINS


@csrf_exempt
@require_http_methods(["GET", "POST"])
def feedback(request, page_id):
    page = get_object_or_404(FAQPage.objects.live().public(), pk=page_id)
    if request.method == "GET":
        return HttpResponseRedirect(page.get_url(request))
    if not _from_this_site(request):
        return HttpResponseForbidden("他のサイトからの送信は受け付けていません。")
    with translation.override(page.locale.language_code):
        response = page.serve_feedback(request)
        if hasattr(response, "render"):
            response.render()
    # The page with the error messages belongs to this visitor only.
    response["Cache-Control"] = "no-store"
    return response
