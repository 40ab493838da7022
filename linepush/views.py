"""Admin screens: a page's 「LINEで配信」 with a phone preview, the delivery log (秘書広報課) with
CSV export, re-sending a failed delivery, and sending a 緊急情報 at once."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from cms.security.spreadsheets import csv_response
from linepush import client as line
from linepush import delivery as deliveries
from linepush.forms import SendNowForm
from linepush.models import LineDelivery, PageLineMessage
from linepush.permissions import SEND_NOW, VIEW_LOG


def jst(value):
    return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M") if value else ""


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not deliveries.page_supports_line(page):
        raise PermissionDenied
    return page


def page_message(request, page_id):
    from linepush.forms import PageLineMessageForm

    page = _editable_page(request, page_id)
    message = PageLineMessage.objects.filter(page=page).first() or PageLineMessage(page=page)
    form = PageLineMessageForm(request.POST or None, instance=message, page=page)
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        message.updated_by = request.user
        message.save()
        messages.success(
            request,
            "LINE配信の設定を保存しました。ページを公開したときに配信します。"
            if message.enabled else "LINE配信の設定を保存しました（配信しません）。",
        )
        return redirect("linepush_page", page.pk)
    language = deliveries.page_language(page)
    has_language_audience = form.fields["category"].queryset.exists()
    preview_text = (form.data.get("text") if form.is_bound else message.text) or ""
    return TemplateResponse(request, "linepush/admin/page_message.html", {
        "page": page,
        "form": form,
        "configured": line.is_configured(),
        "not_configured_message": line.NOT_CONFIGURED_MESSAGE,
        "language": language,
        "has_language_audience": has_language_audience,
        "preview_text": preview_text,
        "preview_url": page.full_url or "",
        "preview_image": message.image if message.image_id else None,
        "preview_alt": message.image_alt,
        "deliveries": LineDelivery.objects.filter(page_id=page.pk)[:10],
        "already_delivered": LineDelivery.objects.filter(page_id=page.pk).exists(),
    })


def _require_log(request):
    if not request.user.has_perm(VIEW_LOG):
        raise PermissionDenied


def delivery_log(request):
    _require_log(request)
    rows = LineDelivery.objects.select_related("page").prefetch_related("attempts")
    status = request.GET.get("status", "")
    if status in dict(LineDelivery.STATUS_CHOICES):
        rows = rows.filter(status=status)
    if request.GET.get("format") == "csv":
        header = ["記録日時", "配信日時", "配信元", "配信した文章", "リンク", "配信区分", "配信先",
                  "配信した人", "経緯", "LINEのリクエストID", "結果", "試行回数", "エラーの内容"]
        data = [
            [jst(d.created_at), jst(d.sent_at), d.source, d.text, d.url, d.category_name, d.recipients_text,
             d.requested_by_name, d.how, d.request_id, d.get_status_display(), len(d.attempts.all()), d.error]
            for d in rows
        ]
        return csv_response(f"line_deliveries_{timezone.localdate():%Y%m%d}.csv", header, data)
    page_obj = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "linepush/admin/log.html", {
        "page_obj": page_obj,
        "status": status,
        "status_choices": LineDelivery.STATUS_CHOICES,
        "configured": line.is_configured(),
        "not_configured_message": line.NOT_CONFIGURED_MESSAGE,
    })


@require_POST
def resend(request, delivery_id):
    """An editor asks to send again: a new delivery (new retry key) of the same message."""
    original = get_object_or_404(LineDelivery, pk=delivery_id)
    allowed = request.user.has_perm(VIEW_LOG) or (
        original.page_id and original.page.permissions_for_user(request.user).can_publish()
    )
    if not allowed:
        raise PermissionDenied
    if original.status == LineDelivery.QUEUED:
        messages.info(request, "この配信はまだ配信待ちです。")
    else:
        copy = LineDelivery.objects.create(
            page=original.page, source=original.source, text=original.text, url=original.url,
            image_url=original.image_url, image_alt=original.image_alt, category_name=original.category_name,
            audience_group_id=original.audience_group_id, requested_by=request.user,
            requested_by_name=request.user.get_full_name() or request.user.get_username(),
            how="再送（編集者の依頼）",
        )
        deliveries.queue(copy)
        messages.success(request, "もう一度配信するよう受け付けました。")
    next_url = request.POST.get("next") or reverse("linepush_log")
    return redirect(next_url if next_url.startswith("/") else reverse("linepush_log"))


def _emergency_sources(site):
    """(value, label, title, url) of what may be sent at once: 緊急情報 shown now and 災害モード."""
    sources = []
    try:
        notice = apps.get_model("home", "EmergencyNotice")
        for item in notice.objects.active().order_by("-starts_at")[:20]:
            sources.append((f"notice:{item.pk}", f"緊急情報：{item.title}", item.title))
    except LookupError:
        pass
    try:
        disaster = apps.get_model("home", "DisasterModeSettings").for_site(site)
        if disaster.is_active:
            sources.append(("disaster", f"災害モード：{disaster.headline}", disaster.headline))
    except LookupError:
        pass
    return sources


def send_now(request):
    if not request.user.has_perm(SEND_NOW):
        raise PermissionDenied
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    sources = _emergency_sources(site)
    form = SendNowForm(request.POST or None, sources=[(value, label) for value, label, _t in sources])
    if request.method == "POST" and form.is_valid():
        title = {value: title for value, _label, title in sources}[form.cleaned_data["source"]]
        url = site.root_url + "/" if site else ""
        deliveries.record_now(
            title, form.cleaned_data["text"], url, form.cleaned_data["category"], request.user,
            "緊急情報（承認なしで即時配信）",
        )
        messages.success(request, "緊急情報のLINE配信を受け付けました。結果は配信の記録で確認できます。")
        return redirect("linepush_log")
    return TemplateResponse(request, "linepush/admin/send_now.html", {
        "form": form,
        "has_sources": bool(sources),
        "configured": line.is_configured(),
        "not_configured_message": line.NOT_CONFIGURED_MESSAGE,
    })
