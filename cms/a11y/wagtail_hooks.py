from django.contrib import messages
from django.templatetags.static import static
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


def group_problems(problems):
    """One entry per offending text at one place, with every check it fails (errors first).

    A link 「こちら」 to a PDF fails two checks; editors fix it once, so it is listed once.
    Returns (errors, warnings): lists of (where, text, [Problem, …]); an entry with any error is an
    error entry (its warnings are shown with it, not again among the warnings).
    """
    grouped = {}
    for problem in problems:
        grouped.setdefault((problem.where(), problem.text), []).append(problem)
    errors, warnings = [], []
    for (where, text), items in grouped.items():
        unique = list(dict.fromkeys(items))
        unique.sort(key=lambda p: not p.is_error)
        (errors if unique[0].is_error else warnings).append((where, text, unique))
    return errors, warnings


def _problem_items(entries):
    items = []
    for where, text, problems in entries[:MAX_LISTED]:
        prefix = f"{where}：" if where else ""
        checks = format_html_join(
            "",
            "<li>{}（{}）：{}</li>",
            ((p.label, "エラー" if p.is_error else "注意", p.info.help) for p in problems),
        )
        items.append(format_html("<li>{}「{}」<ul>{}</ul></li>", prefix, text, checks))
    more = format_html("<p>ほか {} 件</p>", len(entries) - MAX_LISTED) if len(entries) > MAX_LISTED else ""
    return format_html("<ul>{}</ul>{}", format_html_join("", "{}", ((item,) for item in items)), more)


def _report_after_save(request, page):
    """Problems that did not block this save (draft, or 秘書広報課's decision) as one message.

    Autosave posts the form in the background and expects JSON: a message stored then would be
    shown, stale, beside the next save's own list. Only a save the editor made gets a list.
    """
    if not request.accepts("text/html"):
        return
    problems = page_problems(page.specific if hasattr(page, "specific") else page)
    if not problems:
        return
    errors, warnings = group_problems(problems)
    if errors and can_override(request.user) and "action-publish" in request.POST:
        # On the page's history: who published despite which errors.
        log(
            instance=page,
            action=OVERRIDE_ACTION,
            user=request.user,
            data={"problems": [p.message() for p in problems if p.is_error][:MAX_LISTED]},
        )
    parts = []
    if errors and can_override(request.user):
        heading = "アクセシビリティのエラーがありますが、秘書広報課の権限で保存・公開しました。内容を確認してください。"
    elif errors:
        heading = "保存しました。アクセシビリティのエラーがあるため、直すまで公開（承認の依頼）はできません。"
    else:
        heading = "保存しました。アクセシビリティの注意があります（公開はできます）。"
    parts.append(format_html("<p>{}</p>", heading))
    if errors:
        parts.append(
            format_html(
                "<p>エラー（{} 件）：公開する前に直してください</p>{}", len(errors), _problem_items(errors)
            )
        )
    if warnings:
        parts.append(
            format_html("<p>注意（{} 件）：確認してください</p>{}", len(warnings), _problem_items(warnings))
        )
    messages.warning(request, format_html_join("", "{}", ((part,) for part in parts)))


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _report_after_save(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _report_after_save(request, page)


@hooks.register("insert_editor_js")
def clear_stale_errors_after_autosave():
    return format_html('<script src="{}"></script>', static("cms/admin/autosave-messages.js"))
