"""Search behind the public search page, the FAQ search box and `search_eval`.

With the embedded default (search.backends.database) ranking is `search.engine` (BM25F over the
analysed index); with Elasticsearch/OpenSearch it is the server's own scoring over the analysed
fields (kuromoji or cjk), with the editors' synonyms applied by its search analyzer.
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from cms.pages import page_models_of_kind, search_kind_of
from search import engine
from search.synonyms import analysed_groups

KIND_FAQ = "faq"
KIND_NEWS = "news"
KIND_TOURISM = "tourism"
KIND_PAGE = "page"
# Shown on the search page and in the suggestions of every language (translated in cms/locale).
KIND_LABELS = {
    KIND_FAQ: _("よくある質問"),
    KIND_NEWS: _("お知らせ"),
    KIND_TOURISM: _("観光"),
    KIND_PAGE: _("ページ"),
}
KINDS = list(KIND_LABELS)

# The most results a search page lists: enough for every page a resident would read.
MAX_RESULTS = 500


def kind_of_model(model):
    """よくある質問 / お知らせ / 観光 / ページ: the kind the page model declares (cms.pages.BasePage)."""
    kind = search_kind_of(model)
    return kind if kind in KIND_LABELS else KIND_PAGE


def faq_model():
    """The FAQ page type, known through its declared search kind (the search app imports no feature app)."""
    return page_models_of_kind(KIND_FAQ)[0]


def content_type_kinds():
    """{content type id: kind} for every page model."""
    return {
        ContentType.objects.get_for_model(model, for_concrete_model=False).pk: kind_of_model(model)
        for model in get_page_models()
    }


def uses_embedded_engine():
    return getattr(get_search_backend(), "japanese_embedded", False)


def language_of(page):
    return page.locale.language_code if getattr(page, "locale_id", None) else "ja"


def analyse(query, language="ja", config=None):
    return engine.analyse_query(query, language, analysed_groups(language), config)


class RankedResults(Sequence):
    """Ranked object ids that load their objects one slice at a time (a page of results = one query)."""

    def __init__(self, ids, queryset, highlight_terms=()):
        self.ids = list(ids)
        self.queryset = queryset
        self.highlight_terms = frozenset(highlight_terms)

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, item):
        if isinstance(item, slice):
            ids = self.ids[item]
            objects = {obj.pk: obj for obj in self.queryset.filter(pk__in=ids)} if ids else {}
            return [objects[pk] for pk in ids if pk in objects]
        return self[item : item + 1][0] if item >= 0 else self[len(self) + item]

    def filter_ids(self, keep):
        return RankedResults([pk for pk in self.ids if pk in keep], self.queryset, self.highlight_terms)


def ranked_ids(model, scope, query, language, limit, config=None):
    """(ids best first, highlight terms) for `query` among `scope` (a queryset of `model`)."""
    analysed = analyse(query, language, config)
    if uses_embedded_engine():
        hits = engine.rank(model, scope, analysed, language, limit=limit, config=config)
        return [hit.object_id for hit in hits], set(analysed.weights)
    results = scope.search(query, operator="or")[:limit]
    return [obj.pk for obj in results], set(analysed.weights)


def faq_results(query, within, limit=20, config=None):
    FAQPage = faq_model()  # noqa: N806 - a model class

    query = (query or "").strip()
    if not query:
        return RankedResults([], FAQPage.objects.none())
    scope = FAQPage.objects.live().public().descendant_of(within)
    ids, terms = ranked_ids(FAQPage, scope, query, language_of(within), limit, config)
    return RankedResults(ids, FAQPage.objects.all(), terms)


def site_scope(root):
    return Page.objects.live().public().descendant_of(root, inclusive=True).filter(locale_id=root.locale_id)


def site_results(query, root, limit=None):
    """All ranked pages of `root`'s Site and language, as `RankedResults` of specific pages."""
    query = (query or "").strip()
    if not query:
        return RankedResults([], Page.objects.none())
    ids, terms = ranked_ids(Page, site_scope(root), query, language_of(root), limit or MAX_RESULTS)
    return RankedResults(ids, Page.objects.all().specific(), terms)


def kinds_of(ids):
    """{page id: kind} for `ids` in one query."""
    kinds_by_type = content_type_kinds()
    rows = Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id")
    return {pk: kinds_by_type.get(content_type_id, KIND_PAGE) for pk, content_type_id in rows}


def suggestions(query, root, limit=8):
    """FAQ questions and page titles of the Site and language for what is being typed.

    Titles starting with (or holding every word of) `query` come first; a phrase or a whole question
    (「粗大ごみの出し方」「住民票はコンビニで取れますか」), which rarely starts a title, is completed with
    the best answers of the ranking, so the list is not empty while the search would find them.
    """
    query = (query or "").strip()
    if not query:
        return []
    scope = site_scope(root).exclude(depth__lte=root.depth - 1)
    pages = list(scope.autocomplete(query, operator="and")[: limit * 3])
    if len(pages) < limit and len(analyse(query, language_of(root)).weights) >= 2:
        seen = {page.pk for page in pages}
        ranked = site_results(query, root, limit=limit * 2)
        pages.extend(page for page in ranked[: limit * 2] if page.pk not in seen and page.depth > root.depth)
    kinds_by_type = content_type_kinds()
    scored = []
    for position, page in enumerate(pages):
        kind = kinds_by_type.get(page.content_type_id, KIND_PAGE)
        # Questions first: the suggestion list mostly answers a question being typed.
        scored.append((0 if kind == KIND_FAQ else 1, position, page, kind))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(page, kind) for _rank, _position, page, kind in scored[:limit]]
