from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks

from .site_roots import PROTECTED_MESSAGE, export_before_delete, protection_kind


def _refuse(request, page, kind):
    messages.error(request, PROTECTED_MESSAGE.format(title=page.get_admin_display_title(), kind=kind))
    return redirect(
        reverse("wagtailadmin_explore", args=[page.get_parent().pk if page.depth > 1 else page.pk])
    )


@hooks.register("before_delete_page")
def protect_roots_from_deletion(request, page):
    kind = protection_kind(page)
    if kind is None:
        return None
    if not request.user.is_superuser:
        return _refuse(request, page, kind)
    if request.method == "POST":
        path, count = export_before_delete(page)
        messages.info(
            request,
            f"削除の前に、{count} ページの内容を {path} に保存しました。"
            f"元に戻すには「manage.py loaddata {path}」と「manage.py fixtree」を実行してください。",
        )
    return None


@hooks.register("before_move_page")
def protect_roots_from_moves(request, page, destination):
    kind = protection_kind(page)
    if kind is not None and not request.user.is_superuser:
        return _refuse(request, page, kind)
    return None


@hooks.register("before_unpublish_page")
def protect_roots_from_unpublishing(request, page):
    kind = protection_kind(page)
    if kind is not None and not request.user.is_superuser:
        return _refuse(request, page, kind)
    return None


@hooks.register("before_bulk_action")
def protect_roots_from_bulk_actions(request, action_type, objects, action_class_instance):
    if action_type not in {"delete", "move", "unpublish"} or request.user.is_superuser:
        return None
    for page in objects:
        kind = protection_kind(page)
        if kind is not None:
            return _refuse(request, page, kind)
    return None
