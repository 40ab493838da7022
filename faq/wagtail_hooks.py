from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import FAQFeedbackReportView, FAQReviewReportView
from .import_views import faq_import_view, user_may_import


def _urls():
    return [
        path("feedback/", FAQFeedbackReportView.as_view(), name="feedback"),
        path("feedback/results/", FAQFeedbackReportView.as_view(results_only=True), name="feedback_results"),
        path("review/", FAQReviewReportView.as_view(), name="review"),
        path("review/results/", FAQReviewReportView.as_view(results_only=True), name="review_results"),
    ]


@hooks.register("register_admin_urls")
def register_faq_report_urls():
    return [path("reports/faq/", include((_urls(), "faq_reports"), namespace="faq_reports"))]


class FAQReportMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


class FAQFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import FEEDBACK_PERMISSION

        return request.user.has_perm(FEEDBACK_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_faq_feedback_report_menu_item():
    return FAQFeedbackMenuItem(
        "FAQの評価", reverse("faq_reports:feedback"), name="faq-feedback", icon_name="help", order=1200
    )


@hooks.register("register_reports_menu_item")
def register_faq_review_report_menu_item():
    return FAQReportMenuItem(
        "見直しが必要なFAQ", reverse("faq_reports:review"), name="faq-review", icon_name="time", order=1210
    )


@hooks.register("register_admin_urls")
def register_faq_import_url():
    return [path("faq/import/", faq_import_view, name="faq_import")]


class FAQImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_import(request.user)


@hooks.register("register_settings_menu_item")
def register_faq_import_menu_item():
    return FAQImportMenuItem(
        "よくある質問のCSV取り込み", reverse("faq_import"), name="faq-import", icon_name="upload", order=950
    )
