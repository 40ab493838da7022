"""Admin reports: 「FAQの評価」 (views, はい, いいえ, latest comments per FAQ; sortable, CSV/XLSX
export) and 「見直しが必要なFAQ」 (最終確認日 more than 12 months ago, or never recorded)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import FAQFeedback, FAQPage

LATEST_COMMENTS = 3
REVIEW_AFTER_DAYS = 365


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class CommentsColumn(Column):
    cell_template_name = "faq/admin/comments_cell.html"


class _FAQReportView(ReportView):
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    header_icon = "help"
    paginate_by = 50

    def site_labels(self):
        """「須賀川市：よくある質問」 per FAQ index path, in two queries whatever the page size."""
        from wagtail.models import Site

        from .models import FAQIndexPage

        site_names = {
            site.root_page.path: site.site_name for site in Site.objects.select_related("root_page")
        }
        labels = {}
        for index in FAQIndexPage.objects.only("path", "title"):
            site_name = site_names.get(index.path[: -FAQPage.steplen])
            labels[index.path] = f"{site_name}：{index.title}" if site_name else index.title
        return labels

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        labels = self.site_labels()
        for page in pages:
            page.site_label = labels.get(page.path[: -FAQPage.steplen], "")
        return pages


FEEDBACK_PERMISSION = "faq.view_faqfeedback"


class FAQFeedbackReportView(_FAQReportView):
    """Residents' comments are personal data: only users with FEEDBACK_PERMISSION (秘書広報課) see
    or export them, not every editor who may edit a page."""

    page_title = "FAQの評価"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(FEEDBACK_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
    index_url_name = "faq_reports:feedback"
    index_results_url_name = "faq_reports:feedback_results"
    default_ordering = "-no_count"
    export_filename = "faq-feedback"
    list_export = [
        "import_id",
        "title",
        "site_label",
        "view_count",
        "yes_count",
        "no_count",
        "latest_comments_text",
    ]
    export_headings = {
        "import_id": "取込ID",
        "title": "質問",
        "site_label": "一覧ページ",
        "view_count": "閲覧数",
        "yes_count": "はい",
        "no_count": "いいえ",
        "latest_comments_text": "最近のご意見",
    }
    columns = [
        TitleColumn("title", label="質問", get_url=_edit_url, sort_key="title"),
        Column("site_label", label="一覧ページ"),
        Column("view_count", label="閲覧数", sort_key="view_count"),
        Column("yes_count", label="はい", sort_key="yes_count"),
        Column("no_count", label="いいえ", sort_key="no_count"),
        DateColumn("last_feedback_at", label="最後の評価", sort_key="last_feedback_at"),
        CommentsColumn("latest_comments", label=f"最近のご意見（新しい{LATEST_COMMENTS}件）"),
    ]

    def get_base_queryset(self):
        return FAQPage.objects.annotate(
            yes_count=Count("feedback", filter=Q(feedback__helpful=True)),
            no_count=Count("feedback", filter=Q(feedback__helpful=False)),
            last_feedback_at=Max("feedback__created_at"),
        ).only("title", "path", "depth", "view_count", "import_id")

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "path")

    def decorate_paginated_queryset(self, object_list):
        pages = super().decorate_paginated_queryset(object_list)
        comments = {}
        # One query for the page of results: the latest comments of each FAQ shown.
        feedback = (
            FAQFeedback.objects.filter(page__in=[page.pk for page in pages])
            .exclude(comment="")
            .order_by("page_id", "-created_at")
            .only("page_id", "helpful", "comment", "created_at")
        )
        for item in feedback:
            bucket = comments.setdefault(item.page_id, [])
            if len(bucket) < LATEST_COMMENTS:
                bucket.append(item)
        for page in pages:
            page.latest_comments = comments.get(page.pk, [])
            page.latest_comments_text = "\n".join(
                f"{timezone.localtime(item.created_at):%Y-%m-%d}（{'はい' if item.helpful else 'いいえ'}）{item.comment}"
                for item in page.latest_comments
            )
        return pages


class FAQReviewReportView(_FAQReportView):
    page_title = "見直しが必要なFAQ"
    header_icon = "time"
    index_url_name = "faq_reports:review"
    index_results_url_name = "faq_reports:review_results"
    default_ordering = "last_reviewed"
    export_filename = "faq-review"
    list_export = ["import_id", "title", "site_label", "last_reviewed", "department"]
    export_headings = {
        "import_id": "取込ID",
        "title": "質問",
        "site_label": "一覧ページ",
        "last_reviewed": "最終確認日",
        "department": "担当課",
    }
    columns = [
        TitleColumn("title", label="質問", get_url=_edit_url, sort_key="title"),
        Column("site_label", label="一覧ページ"),
        Column("department", label="担当課", sort_key="department__name"),
        Column("last_reviewed_label", label="最終確認日", sort_key="last_reviewed"),
    ]

    @staticmethod
    def cutoff(today=None):
        today = today or timezone.localdate()
        try:
            return today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            return today - datetime.timedelta(days=REVIEW_AFTER_DAYS)

    def get_base_queryset(self):
        return (
            FAQPage.objects.live()
            .filter(Q(last_reviewed__lt=self.cutoff()) | Q(last_reviewed__isnull=True))
            .select_related("department")
            .only("title", "path", "depth", "last_reviewed", "import_id", "department")
        )

    def order_queryset(self, queryset):
        from django.db.models import F

        ordering = self.ordering or "last_reviewed"
        descending = ordering.startswith("-")
        name = ordering.lstrip("-")
        if name == "last_reviewed":
            # Never reviewed comes first: those need a look most.
            expression = (
                F("last_reviewed").desc(nulls_last=True)
                if descending
                else F("last_reviewed").asc(nulls_first=True)
            )
            return queryset.order_by(expression, "path")
        return queryset.order_by(ordering, "path")

    def decorate_paginated_queryset(self, object_list):
        from cms.templatetags.cms_tags import jdate

        pages = super().decorate_paginated_queryset(object_list)
        for page in pages:
            page.last_reviewed_label = jdate(page.last_reviewed) if page.last_reviewed else "未記録"
        return pages

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cutoff"] = self.cutoff()
        return context
