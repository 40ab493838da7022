from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale, Page, Site


def search(request):
    """Site search: pages of the current Site in the current language."""
    query = request.GET.get("q", "").strip()[:200]
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site is not None:
        locale = (
            Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
        )
        root = site.root_page.get_translation_or_none(locale) or site.root_page
        results = (
            Page.objects.live()
            .public()
            .descendant_of(root, inclusive=True)
            .filter(locale=locale)
            .search(query)
        )
    paginator = Paginator(results, 10)
    try:
        results_page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        results_page = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": results_page, "page": None},
    )
