"""Everything the app adds to the admin, through Wagtail's public hooks only."""

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from linepush import views
from linepush.delivery import page_supports_line
from linepush.models import DeliveryCategory, FollowerCount, LineDelivery
from linepush.permissions import SEND_NOW, VIEW_LOG


@hooks.register("register_admin_urls")
def line_admin_urls():
    return [
        path("line/page/<int:page_id>/", views.page_message, name="linepush_page"),
        path("line/log/", views.delivery_log, name="linepush_log"),
        path("line/log/<int:delivery_id>/resend/", views.resend, name="linepush_resend"),
        path("line/now/", views.send_now, name="linepush_send_now"),
    ]


class DeliveryCategoryViewSet(SnippetViewSet):
    model = DeliveryCategory
    icon = "tag"
    menu_label = "配信区分"
    list_display = ["name", "language", "recipients_text"]


class FollowerCountViewSet(SnippetViewSet):
    model = FollowerCount
    icon = "group"
    menu_label = "友だち登録者数"
    list_display = ["date", "followers", "source"]


class LineViewSetGroup(SnippetViewSetGroup):
    items = (DeliveryCategoryViewSet, FollowerCountViewSet)
    menu_icon = "mail"
    menu_label = "市公式LINE"
    menu_name = "line"
    menu_order = 260


register_snippet(LineViewSetGroup)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def line_log_menu_item():
    return PermissionMenuItem("LINE配信の記録", reverse("linepush_log"), icon_name="mail", order=900,
                              permission=VIEW_LOG)


@hooks.register("register_admin_menu_item")
def line_send_now_menu_item():
    return PermissionMenuItem("緊急情報をLINEで配信", reverse("linepush_send_now"), icon_name="warning",
                              order=265, permission=SEND_NOW)


STATUS_LABELS = {
    LineDelivery.QUEUED: "LINE配信：配信待ち",
    LineDelivery.SENDING: "LINE配信：配信中",
    LineDelivery.SENT: "LINE配信：配信済み",
    LineDelivery.FAILED: "LINE配信：失敗",
    LineDelivery.NOT_CONFIGURED: "LINE配信：未設定",
}


@hooks.register("register_page_header_buttons")
def line_page_header_button(page, user, view_name, next_url=None):
    if not page_supports_line(page) or not page.permissions_for_user(user).can_edit():
        return
    latest = LineDelivery.objects.filter(page_id=page.pk).only("status").first()
    label = STATUS_LABELS[latest.status] if latest else "LINEで配信"
    yield Button(label, reverse("linepush_page", args=[page.pk]), icon_name="mail", priority=80)


@hooks.register("before_edit_page")
def warn_of_failed_delivery(request, page):
    """The page's edit screen says when its last LINE delivery failed."""
    if request.method != "GET" or not page_supports_line(page):
        return
    latest = LineDelivery.objects.filter(page_id=page.pk).only("status", "error").first()
    if latest and latest.status in (LineDelivery.FAILED, LineDelivery.NOT_CONFIGURED):
        messages.warning(
            request,
            f"このページのLINE配信は「{latest.get_status_display()}」です：{latest.error} "
            "「LINEで配信」の画面から再送できます。",
        )


class FailedDeliveriesPanel(Component):
    name = "line_failed_deliveries"
    order = 95
    template_name = "linepush/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        failed = LineDelivery.objects.filter(
            status__in=[LineDelivery.FAILED, LineDelivery.NOT_CONFIGURED]
        ).only("pk", "source", "created_at", "status", "error", "page_id")
        rows = list(failed[:5])
        return {"heading": f"LINE配信の失敗（{failed.count()}件）", "rows": rows,
                "log_url": reverse("linepush_log") if self.user.has_perm(VIEW_LOG) else ""}


@hooks.register("construct_homepage_panels")
def add_failed_deliveries_panel(request, panels):
    if request.user.has_perm(VIEW_LOG):
        panels.append(FailedDeliveriesPanel(request.user))
