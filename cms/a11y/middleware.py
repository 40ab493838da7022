from django.utils.cache import patch_vary_headers

from cms.a11y import furigana
from cms.a11y.visitor_tools import VISITOR_TOOLS_PATH, preferences, set_preferences

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


class VisitorToolsMiddleware:
    """Serves the visitor tools' form target and adds ふりがな to Japanese pages when switched on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == VISITOR_TOOLS_PATH:
            return set_preferences(request)
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html") or request.path_info.startswith(EXCLUDED_PREFIXES):
            return response
        # What the page looks like depends on the visitor's cookies.
        patch_vary_headers(response, ["Cookie"])
        if (
            preferences(request)["ruby"] == "on"
            and response.status_code == 200
            and not response.streaming
            and not getattr(request, "is_preview", False)
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            if '<html lang="ja"' in html:
                response.content = furigana.add_ruby_to_page(html).encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
