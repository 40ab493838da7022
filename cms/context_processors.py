from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from cms.i18n import html_lang


def site_context(request):
    """Values the base template needs on every page, page or not."""
    site = Site.find_for_request(request) if request is not None else None
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "current_site": site,
        "html_lang": html_lang(language),
        "current_language": language,
    }
