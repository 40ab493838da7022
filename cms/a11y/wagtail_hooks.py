from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log

from cms.a11y import views
from cms.a11y.content import page_problems
from cms.a11y.permissions import can_override
from cms.a11y.userbar import replace_checker

MAX_LISTED = 10
OVERRIDE_ACTION = "a11y.publish_with_errors"


@hooks.register("register_log_actions")
def register_override_action(actions):
    actions.register_action(
        OVERRIDE_ACTION,
        "アクセシビリティのエラーを確認して公開",
        "アクセシビリティのエラーがあるページを秘書広報課の権限で公開しました",
    )


@hooks.register("register_admin_urls")
def register_audit_url():
    return [path("a11y/audit/", views.audit_report, name="a11y_audit")]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        "アクセシビリティ点検", reverse("a11y_audit"), name="a11y-audit", icon_name="glasses", order=1000
    )


@hooks.register("construct_wagtail_userbar")
def add_japanese_content_rules(request, items, page=None):
    replace_checker(items)


def _report_after_save(request, page):
    """Problems that did not block this save (draft, or 秘書広報課's decision) as a warning message."""
    problems = page_problems(page.specific if hasattr(page, "specific") else page)
    if not problems:
        return
    errors = [p for p in problems if p.is_error]
    if errors and can_override(request.user) and "action-publish" in request.POST:
        # On the page's history: who published despite which errors.
        log(
            instance=page,
            action=OVERRIDE_ACTION,
            user=request.user,
            data={"problems": [p.message() for p in errors][:MAX_LISTED]},
        )
    if errors and can_override(request.user):
        heading = "アクセシビリティのエラーがありますが、秘書広報課の権限で保存・公開しました。内容を確認してください。"
    elif errors:
        heading = "アクセシビリティのエラーがあります。直さないと公開（承認の申請）ができません。"
    else:
        heading = "アクセシビリティの注意があります（公開はできます）。"
    listed = problems[:MAX_LISTED]
    more = f"ほか{len(problems) - MAX_LISTED}件" if len(problems) > MAX_LISTED else ""
    messages.warning(
        request,
        format_html(
            "{}<ul>{}</ul>{}",
            heading,
            format_html_join("", "<li>{}</li>", ((p.message(),) for p in listed)),
            more,
        ),
    )


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _report_after_save(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _report_after_save(request, page)
