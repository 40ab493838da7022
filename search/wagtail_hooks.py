"""Admin: editors' synonyms (snippet) and the search statistics reports (レポート menu)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import admin_views
from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "検索の同義語"
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    url_prefix = "search/synonyms"
    url_namespace = "search_synonyms"
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/search-popular/", admin_views.popular_report, name="search_report_popular"),
        path("reports/search-zero-results/", admin_views.zero_result_report, name="search_report_zero"),
    ]


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerystat")


@hooks.register("register_reports_menu_item")
def register_popular_report_menu_item():
    return StatsMenuItem(
        "よく検索される言葉", reverse("search_report_popular"), icon_name="search", order=800
    )


@hooks.register("register_reports_menu_item")
def register_zero_report_menu_item():
    return StatsMenuItem("検索結果が0件の言葉", reverse("search_report_zero"), icon_name="search", order=801)
