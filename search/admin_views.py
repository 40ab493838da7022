"""Admin reports of search statistics: what residents search for most, and what finds nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.views.reports import (
    SearchTermsReportView as WagtailSearchTermsReportView,
)

from cms.security.spreadsheets import csv_response
from search.models import SearchQueryStat

PERIODS = [(7, "過去7日間"), (30, "過去30日間"), (90, "過去90日間"), (365, "過去1年間")]
REPORT_LIMIT = 200

REPORTS = {
    "popular": {
        "title": "よく検索される言葉",
        "description": "サイト内検索とよくある質問の検索で、よく使われた言葉です。",
        "url_name": "search_report_popular",
        "filename": "search-popular",
    },
    "zero": {
        "title": "検索結果が0件の言葉",
        "description": "検索しても何も見つからなかった言葉です。ページの追加や同義語の登録を検討してください。",
        "url_name": "search_report_zero",
        "filename": "search-zero-results",
    },
}


def check_permission(request):
    if not request.user.has_perm("search.view_searchquerystat"):
        raise PermissionDenied


def report_rows(kind, days, source=""):
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    stats = SearchQueryStat.objects.filter(date__gte=since)
    if source:
        stats = stats.filter(source=source)
    if kind == "zero":
        stats = stats.filter(zero_result_searches__gt=0)
    rows = (
        stats.values("query")
        .annotate(
            searches=Sum("searches"),
            zero_result_searches=Sum("zero_result_searches"),
            last_date=Max("date"),
        )
        .order_by("-zero_result_searches" if kind == "zero" else "-searches", "query")
    )
    return list(rows[:REPORT_LIMIT])


def report(request, kind):
    check_permission(request)
    info = REPORTS[kind]
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    if days not in dict(PERIODS):
        days = 30
    source = request.GET.get("source", "")
    if source not in dict(SearchQueryStat.SOURCE_CHOICES):
        source = ""
    rows = report_rows(kind, days, source)

    if request.GET.get("export") == "csv":
        return csv_response(
            f"{info['filename']}-{timezone.localdate():%Y-%m-%d}.csv",
            ["検索語", "検索回数", "0件だった回数", "最後に検索された日"],
            ([row["query"], row["searches"], row["zero_result_searches"], row["last_date"]] for row in rows),
        )

    return TemplateResponse(
        request,
        "search/admin/report.html",
        {
            "info": info,
            "kind": kind,
            "rows": rows,
            "days": days,
            "periods": PERIODS,
            "source": source,
            "sources": SearchQueryStat.SOURCE_CHOICES,
            "reports": REPORTS,
        },
    )


def popular_report(request):
    return report(request, "popular")


def zero_result_report(request):
    return report(request, "zero")


class SearchTermsReportView(WagtailSearchTermsReportView):
    """Wagtail's 検索語 report (promotions' query hits), opened to whoever may read search statistics.

    Upstream lets only superusers in; 秘書広報課 tunes search and needs it.
    """

    page_title = "検索語（おすすめ用の集計）"
    index_url_name = "search_report_terms"
    index_results_url_name = "search_report_terms_results"

    def dispatch(self, request, *args, **kwargs):
        check_permission(request)
        # Skip the upstream superuser-only dispatch, keep ReportView's.
        return super(WagtailSearchTermsReportView, self).dispatch(request, *args, **kwargs)
