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
    # No field list: a search restricted to "terms" asks the database backend for a column of that
    # name, which the analysed index (title/body) does not have (a 500). The whole entry is searched
    # with the same Japanese analysis as the public search.


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/search-popular/", admin_views.popular_report, name="search_report_popular"),
        path("reports/search-zero-results/", admin_views.zero_result_report, name="search_report_zero"),
        path(
            "reports/search-terms/", admin_views.SearchTermsReportView.as_view(), name="search_report_terms"
        ),
        path(
            "reports/search-terms/results/",
            admin_views.SearchTermsReportView.as_view(results_only=True),
            name="search_report_terms_results",
        ),
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


@hooks.register("register_reports_menu_item")
def register_terms_report_menu_item():
    return StatsMenuItem(
        "検索語（おすすめ用）", reverse("search_report_terms"), icon_name="search", order=802
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    # Wagtail's own entry is superuser-only; ours above opens the same report by permission.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
