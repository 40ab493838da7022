"""Storing an application with its 受付番号, the e-mails, status changes and the purge."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from water.business_days import describe_day
from water.models import (
    ApplicationStatus,
    WaterApplication,
    WaterApplicationDailyCounter,
    WaterApplicationStatusChange,
)

# Messages name the 受付番号 at most: never a name, address, phone number or e-mail address.
logger = logging.getLogger("water.applications")

CLOSED_STATUSES = {ApplicationStatus.COMPLETED, ApplicationStatus.CANCELLED}


def next_reception_number(day):
    """Take the next number of `day`. Must run inside the transaction that stores the application.

    The counter row is created if missing (a concurrent creator is ignored), then locked with
    SELECT … FOR UPDATE, so two submissions at the same moment wait for each other and never share
    a number. On SQLite the write lock of the whole database gives the same guarantee.
    """
    WaterApplicationDailyCounter.objects.bulk_create(
        [WaterApplicationDailyCounter(date=day, last_number=0)], ignore_conflicts=True
    )
    counter = WaterApplicationDailyCounter.objects.select_for_update().get(date=day)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"W-{day:%Y%m%d}-{counter.last_number:04d}"


def create_application(data, token):
    """Store an application (cleaned form data) once per submission token.

    Returns (application, created). A second call with the same token (double click, reload of a
    POST) returns the first application instead of creating another.
    """
    existing = WaterApplication.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            number = next_reception_number(timezone.localdate(now))
            application = WaterApplication.objects.create(
                reception_number=number, received_at=now, submission_token=token, **data
            )
            WaterApplicationStatusChange.objects.create(
                application=application, from_status="", to_status=application.status, changed_at=now
            )
    except IntegrityError:
        # The same token was stored by a concurrent request a moment ago.
        existing = WaterApplication.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(lambda: send_application_mails(application))
    return application, True


def admin_url(application):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("water_applications:edit", args=[application.pk])


def staff_recipients():
    return list(getattr(settings, "WATER_APPLICATION_NOTIFY_EMAILS", []))


def _send(message, what, application):
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - the application is stored; mail trouble must not lose it
        # The exception text of SMTP errors can contain the recipient's address: log its type only.
        logger.warning(
            "%s could not be sent for %s (%s)", what, application.reception_number, type(error).__name__
        )


def staff_notification(application):
    """The mail to 経営課: the 受付番号, the time and a link. No personal data (mailboxes get forwarded)."""
    received = timezone.localtime(application.received_at)
    body = "\n".join(
        [
            "水道の開栓・閉栓の申込みを受け付けました。",
            "",
            f"受付番号：{application.reception_number}",
            f"受付日時：{describe_day(received.date())} {received:%H時%M分}",
            "",
            "内容は管理画面で確認してください（経営課の職員のみ閲覧できます）。",
            admin_url(application),
            "",
            "このメールには個人情報を記載していません。",
        ]
    )
    return EmailMessage(
        subject=f"【水道】開栓・閉栓の申込み {application.reception_number}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=staff_recipients(),
    )


def next_steps(application):
    """What happens next, per 申込種別: the done page and the receipt e-mail say the same."""
    from .models import ApplicationType

    kind = application.application_type
    if kind == ApplicationType.STOP:
        steps = [
            "希望日に職員が水道メーターを読み、最後の使用水量を確かめます（立ち会いは不要です）。",
            "最後の検針までの水道料金と下水道使用料を計算し、お選びの方法で精算します"
            f"（{application.get_settlement_method_display() or '精算方法'}）。",
            "納付書やお知らせは、入力された転居先住所へお送りします。",
            "希望日より後の料金はかかりません。メーターボックスの中のバルブは閉めなくて構いません。",
        ]
    elif kind == ApplicationType.TRANSFER:
        steps = [
            "次の検針の分から、新しい名義で水道料金を請求します。",
            "口座振替にする場合は、新しい名義の口座で手続きをしてください。",
        ]
    else:
        steps = [
            "希望日までに水道を使えるようにします（開栓）。",
            "メーターボックスの中のバルブを開けると水が出ます。水が出ないときは経営課へご連絡ください。",
        ]
    return steps


def applicant_receipt(application):
    received = timezone.localtime(application.received_at)
    body = "\n".join(
        [
            "須賀川市 水道事業（上下水道部 経営課）です。",
            "水道の開栓・閉栓の申込みを受け付けました。",
            "",
            f"受付番号：{application.reception_number}",
            f"受付日時：{describe_day(received.date())} {received:%H時%M分}",
            f"申込種別：{application.get_application_type_display()}",
            f"希望日：{describe_day(application.preferred_date)}",
            "",
            "これからの流れ",
            *(f"・{step}" for step in next_steps(application)),
            "",
            "内容を確認のうえ、担当者から連絡することがあります。",
            "お問い合わせの際は受付番号をお伝えください。",
            "このメールは送信専用のアドレスから送っています。返信はできません。",
            "お心当たりのない場合は、お手数ですがこのメールを削除してください。",
            "",
            "須賀川市 上下水道部 経営課",
            "電話：0248-88-9157（平日 午前8時30分から午後5時15分まで）",
        ]
    )
    return EmailMessage(
        subject=f"【須賀川市 水道事業】申込みを受け付けました（受付番号 {application.reception_number}）",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.email],
    )


def send_application_mails(application):
    if staff_recipients():
        _send(staff_notification(application), "staff notification", application)
    if application.email:
        _send(applicant_receipt(application), "receipt", application)


def change_status(application, new_status, user, note=""):
    """Record a status change (who and when); closing an application starts its retention period."""
    if new_status == application.status and not note:
        return None
    now = timezone.now()
    change = WaterApplicationStatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=new_status,
        changed_by=user,
        changed_at=now,
        note=note,
    )
    application.status = new_status
    application.closed_at = now if new_status in CLOSED_STATUSES else None
    application.save(update_fields=["status", "closed_at"])
    return change


def retention_days():
    return int(getattr(settings, "WATER_APPLICATION_RETENTION_DAYS", 365))


def applications_due_for_purge(now=None, days=None):
    cutoff = (now or timezone.now()) - timedelta(days=retention_days() if days is None else days)
    return WaterApplication.objects.filter(
        anonymized_at__isnull=True, status__in=CLOSED_STATUSES, closed_at__lte=cutoff
    )


def anonymize(application, now=None):
    """Blank the personal data; keep the 受付番号, type, dates and status for the statistics."""
    for name in WaterApplication.PERSONAL_FIELDS:
        setattr(application, name, "")
    application.anonymized_at = now or timezone.now()
    application.submission_token = None
    application.save()
    # Staff notes on status changes may quote the applicant.
    application.status_changes.exclude(note="").update(note="")
