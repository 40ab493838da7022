"""The steps of the application page: 入力 → 確認 → 完了.

The cleaned input waits in the session between 入力 and 確認 together with a one-time token; the
token is stored with the application (unique), so a double click or a reload of the POST finds the
first application instead of creating a second. 完了 is reached by a redirect (POST → GET), so
reloading it sends nothing.
"""

import uuid

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import is_ratelimited

from water.applications import create_application, next_steps
from water.business_days import describe_day, is_office_open, next_office_opening
from water.forms import WaterApplicationForm
from water.models import ApplicationType, SettlementMethod, WaterApplication

SESSION_DRAFT = "water_application_draft"
SESSION_DONE = "water_application_done"
TEMPLATE = "water/water_application_page.html"
DRAFT_LIFETIME_SECONDS = 60 * 60


def _render(page, request, step, status=200, **context):
    context.update({"page": page, "self": page, "step": step})
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _rate_limited(request):
    return is_ratelimited(
        request,
        group="water-application",
        key="ip",
        rate=getattr(settings, "WATER_APPLICATION_RATE_LIMIT", "10/h"),
        method="POST",
        increment=True,
    )


def _confirmation_rows(data):
    types = dict(ApplicationType.choices)
    methods = dict(SettlementMethod.choices)
    from datetime import date

    rows = [
        ("申込種別", types.get(data["application_type"], "")),
        ("使用場所の住所", data["address"]),
        ("お客さま番号", data["customer_number"] or "（未入力）"),
        ("使用者氏名", data["name"]),
        ("フリガナ", data["name_kana"]),
        ("電話番号", data["phone"]),
        ("メールアドレス", data["email"] or "（未入力）"),
        ("希望日", describe_day(date.fromisoformat(data["preferred_date"]))),
    ]
    if data["application_type"] == ApplicationType.STOP:
        rows += [
            ("精算方法", methods.get(data["settlement_method"], "")),
            ("転居先住所", data["forwarding_address"]),
        ]
    rows.append(("備考", data["note"] or "（未入力）"))
    return rows


def serve_application_page(page, request):
    # Django's error reports must never show what applicants typed.
    request.sensitive_post_parameters = "__ALL__"
    response = _serve(page, request)
    # 確認 and 完了 show name, address and phone; the form holds a CSRF token: no browser or proxy
    # cache may keep any step (the back button after 完了 must not show the data again).
    add_never_cache_headers(response)
    return response


def _serve(page, request):
    if request.method == "POST":
        return _handle_post(page, request)
    if request.GET.get("step") == "done":
        return _done(page, request)
    return _render(page, request, "input", form=WaterApplicationForm())


def _done(page, request):
    number = request.session.get(SESSION_DONE)
    if not number:
        return HttpResponseRedirect(page.get_url(request))
    application = (
        WaterApplication.objects.filter(reception_number=number)
        .only("received_at", "application_type", "settlement_method")
        .first()
    )
    received = application.received_at if application else timezone.now()
    return _render(
        page,
        request,
        "done",
        reception_number=number,
        office_open=is_office_open(received),
        next_opening_text=describe_day(next_office_opening(received).date()),
        email_given=request.session.get(SESSION_DONE + "_mail", False),
        application_type=application.application_type if application else "",
        next_steps=next_steps(application) if application else [],
    )


def _handle_post(page, request):
    action = request.POST.get("action", "")
    if action not in {"confirm", "edit", "submit"}:
        action = "confirm"
    if action == "edit":
        draft = request.session.get(SESSION_DRAFT)
        if not isinstance(draft, dict) or "data" not in draft:
            return _render(page, request, "input", form=WaterApplicationForm(), expired=True, status=400)
        form = WaterApplicationForm(initial=WaterApplicationForm.initial_from_session(draft["data"]))
        return _render(page, request, "input", form=form)
    if action == "submit":
        return _submit(page, request)

    if _rate_limited(request):
        return _render(page, request, "limited", status=429)
    form = WaterApplicationForm(request.POST)
    if form.is_spam:
        return _render(page, request, "rejected", status=400)
    if not form.is_valid():
        return _render(page, request, "input", form=form)
    data = form.to_session()
    token = str(uuid.uuid4())
    request.session[SESSION_DRAFT] = {"data": data, "token": token}
    # The draft holds personal data in the session store: let it expire within the hour
    # (and `manage.py clearsessions` removes expired sessions).
    request.session.set_expiry(DRAFT_LIFETIME_SECONDS)
    return _render(page, request, "confirm", rows=_confirmation_rows(data), token=token)


def _submit(page, request):
    posted = request.POST.get("token", "")
    try:
        token = uuid.UUID(posted) if len(posted) <= 36 else None
    except ValueError:
        token = None
    if token is not None:
        # A second click after the first succeeded: show the same 受付番号 again.
        existing = WaterApplication.objects.filter(submission_token=token).only("reception_number").first()
        if existing is not None:
            request.session[SESSION_DONE] = existing.reception_number
            return HttpResponseRedirect(page.get_url(request) + "?step=done", status=303)
    draft = request.session.get(SESSION_DRAFT)
    if token is None or not isinstance(draft, dict) or draft.get("token") != str(token):
        return _render(page, request, "input", form=WaterApplicationForm(), expired=True, status=400)
    # Re-validate: the draft may be days old and the 希望日 no longer possible.
    form = WaterApplicationForm({**draft["data"], "agree": "on"})
    if not form.is_valid():
        return _render(page, request, "input", form=form)
    application, _created = create_application(form.to_model_fields(), token)
    request.session.pop(SESSION_DRAFT, None)
    request.session[SESSION_DONE] = application.reception_number
    request.session[SESSION_DONE + "_mail"] = bool(application.email)
    return HttpResponseRedirect(page.get_url(request) + "?step=done", status=303)
