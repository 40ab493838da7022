"""The page chooser shows an editor the sites they work on, not the whole tree.

Wagtail's page chooser (links in rich text, page-link blocks) starts at Root and offers every site
and every translated root. A 環境課 editor links to pages of the city site; the water site, the
tourism guide's foreign-language roots and Root itself are noise there and invite wrong links.

An editor sees the top-level trees (the pages just below Root) that hold a page their groups have a
page permission on; with exactly one such tree the chooser opens at its top. Superusers see all.
"""

from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

TOP_PATH_LENGTH = 2 * Page.steplen  # Root is one step, a site's top page the next


def chooser_top_paths(user):
    """Paths of the top-level pages whose trees `user` may pick from, or None for no restriction."""
    if not user.is_authenticated or user.is_superuser:
        return None
    cached = getattr(user, "_chooser_top_paths", None)
    if cached is not None:
        return cached
    paths = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    tops = sorted({path[:TOP_PATH_LENGTH] for path in paths if len(path) >= TOP_PATH_LENGTH})
    user._chooser_top_paths = tops
    return tops


def restrict_to_own_sites(pages, request):
    tops = chooser_top_paths(request.user)
    if not tops:
        return pages
    query = Q()
    for path in tops:
        query |= Q(path__startswith=path)
    return pages.filter(query)


class PageChooserStartMiddleware:
    """Open the chooser at the editor's one site instead of at Root (query string kept)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "GET"
            and request.path.startswith(reverse("wagtailadmin_choose_page"))
            and request.path in self._root_paths()
        ):
            tops = chooser_top_paths(getattr(request, "user", None) or _Anonymous)
            if tops and len(tops) == 1:
                top = Page.objects.filter(path=tops[0]).only("pk").first()
                if top is not None:
                    url = reverse("wagtailadmin_choose_page_child", args=[top.pk])
                    query = request.META.get("QUERY_STRING", "")
                    return redirect(f"{url}?{query}" if query else url)
        return self.get_response(request)

    @staticmethod
    def _root_paths():
        root = Page.get_first_root_node()
        paths = {reverse("wagtailadmin_choose_page")}
        if root is not None:
            paths.add(reverse("wagtailadmin_choose_page_child", args=[root.pk]))
        return paths


class _Anonymous:
    is_authenticated = False
    is_superuser = False
