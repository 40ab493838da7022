"""The water-utility site is Japanese only: a language prefix (/en/, /ko/ …) on its host is a 404."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.utils import translation


class JapaneseOnlyWaterSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host().rsplit(":", 1)[0].lower()
        except DisallowedHost:
            host = ""
        if host == settings.WATER_HOSTNAME.lower():
            language = translation.get_language_from_path(request.path_info)
            if language and language != settings.LANGUAGE_CODE:
                # The 404 page itself in Japanese, like the rest of the site.
                translation.activate(settings.LANGUAGE_CODE)
                request.LANGUAGE_CODE = settings.LANGUAGE_CODE
                raise Http404("水道事業のサイトは日本語のみです。")
        return self.get_response(request)
