"""The search page of each Site and the as-you-type suggestions behind the header search box."""

import unicodedata

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, Site

from cms.pagecache.middleware import mark_shared
from search import service
from search.analytics import record_search
from search.highlight import mark, page_text, snippet
from search.models import SearchQueryStat

RESULTS_PER_PAGE = 10
# Anonymous result pages are kept this long by the front cache (Varnish, one copy per normalised
# query, deploy/varnish/default.vcl) and dropped with their Site's pages on every publish, which is
# when the index changes. A popular query in a disaster surge is then counted once per this period in
# the search statistics, not once per visitor.
SEARCH_CACHE_SECONDS = 60
MAX_QUERY_LENGTH = 200


def current_root(request):
    """The current Site's home page in the current language (the scope of the search)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    locale = Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
    root = site.root_page
    return root.get_translation_or_none(locale) or root


def local_date(value):
    return timezone.localdate(value) if value else None


def clean_query(request):
    query = unicodedata.normalize("NFKC", request.GET.get("q", ""))
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def breadcrumbs_for(pages, root):
    """{page id: [ancestor titles below the Site's home]} in one query for all `pages`."""
    steplen = Page.steplen
    wanted = {
        page.pk: [page.path[: steplen * depth] for depth in range(root.depth + 1, page.depth)]
        for page in pages
    }
    paths = {path for chain in wanted.values() for path in chain}
    titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title")) if paths else {}
    return {pk: [titles[path] for path in chain if path in titles] for pk, chain in wanted.items()}


def promotions_for(query, root):
    if not query:
        return []
    normalized = " ".join(query.lower().split())
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalized)
        .select_related("page")
        .order_by("sort_order")
    )
    return [p for p in promotions if p.page is None or (p.page.live and p.page.path.startswith(root.path))]


def general_promotions(root, limit=5):
    """Pages editors promoted for any query: shown when a search found nothing."""
    seen, picks = set(), []
    promotions = (
        SearchPromotion.objects.filter(
            page__live=True, page__path__startswith=root.path, page__locale_id=root.locale_id
        )
        .select_related("page")
        .order_by("query__query_string", "sort_order")
    )
    for promotion in promotions:
        if promotion.page_id not in seen:
            seen.add(promotion.page_id)
            picks.append(promotion)
        if len(picks) >= limit:
            break
    return picks


def popular_faqs(root, limit=5):
    return list(
        service.faq_model()
        .objects.live()
        .public()
        .descendant_of(root)
        .filter(locale_id=root.locale_id)
        .order_by("-view_count", "title")
        .only("title", "url_path", "path", "depth", "locale_id")[:limit]
    )


def page_link(request, number):
    params = {"q": clean_query(request)}
    if request.GET.get("kind") in service.KIND_LABELS:
        params["kind"] = request.GET["kind"]
    if number > 1:
        params["page"] = number
    return "?" + urlencode(params)


@require_GET
def search(request):
    """Pages of the current Site in the current language, with kinds, snippets and pagination."""
    query = clean_query(request)
    kind = request.GET.get("kind", "")
    if kind not in service.KIND_LABELS:
        kind = ""
    root = current_root(request)
    context = {
        "search_query": query,
        "kind": kind,
        "page": None,
        "kind_tabs": [],
        "results": [],
        "page_obj": None,
        "total": 0,
        "promotions": [],
        "popular_faqs": [],
        "general_promotions": [],
    }
    if query and root is not None:
        language = root.locale.language_code
        ranked = service.site_results(query, root)
        kinds = service.kinds_of(ranked.ids)
        counts = {key: 0 for key in service.KINDS}
        for pk in ranked.ids:
            counts[kinds.get(pk, service.KIND_PAGE)] += 1
        shown = ranked.filter_ids({pk for pk, k in kinds.items() if k == kind}) if kind else ranked
        paginator = Paginator(shown, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        pages = list(page_obj.object_list)
        crumbs = breadcrumbs_for(pages, root)
        terms = ranked.highlight_terms
        context["results"] = [
            {
                "page": page,
                "url": page.get_url(request),
                "title": mark(page.title, terms, language),
                "kind": str(service.KIND_LABELS[kinds.get(page.pk, service.KIND_PAGE)]),
                "breadcrumbs": crumbs.get(page.pk, []),
                "snippet": snippet(page_text(page), terms, language),
                # The date in Japan (JST), not the UTC date of the stored time.
                "updated": local_date(page.last_published_at or page.latest_revision_created_at),
            }
            for page in pages
        ]
        context["page_obj"] = page_obj
        context["page_links"] = [
            {"number": number, "url": page_link(request, number)} for number in page_obj.paginator.page_range
        ]
        context["previous_url"] = (
            page_link(request, page_obj.previous_page_number()) if page_obj.has_previous() else ""
        )
        context["next_url"] = page_link(request, page_obj.next_page_number()) if page_obj.has_next() else ""
        context["total"] = len(ranked)
        context["shown_total"] = len(shown)
        base = {"q": query}
        context["kind_tabs"] = [
            {"key": "", "label": gettext("すべて"), "count": len(ranked), "url": "?" + urlencode(base)}
        ] + [
            {"key": key, "label": label, "count": counts[key], "url": "?" + urlencode({**base, "kind": key})}
            for key, label in service.KIND_LABELS.items()
            if counts[key]
        ]
        context["promotions"] = promotions_for(query, root)
        if not ranked:
            context["popular_faqs"] = popular_faqs(root)
            context["general_promotions"] = general_promotions(root)
        if "page" not in request.GET and "kind" not in request.GET:
            record_search(query, len(ranked), SearchQueryStat.SOURCE_SITE)
    response = TemplateResponse(request, "search/search.html", context)
    # The front cache sees the final headers (cookies included) only after rendering.
    response.add_post_render_callback(lambda rendered: mark_shared(request, rendered, SEARCH_CACHE_SECONDS))
    return response


@require_GET
def suggest(request):
    """As-you-type suggestions (JSON): FAQ questions first, then page titles of this Site and language."""
    query = clean_query(request)[:50]
    root = current_root(request)
    items = []
    if query and root is not None:
        for page, kind in service.suggestions(query, root):
            items.append(
                {"title": page.title, "url": page.get_url(request), "kind": str(service.KIND_LABELS[kind])}
            )
    response = JsonResponse({"query": query, "suggestions": items}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response
