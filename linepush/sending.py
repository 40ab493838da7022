"""Sending one recorded delivery: every attempt reuses the delivery's X-Line-Retry-Key, so that a
retry after a timeout (LINE may have accepted the first request) is answered 409 by LINE instead of
reaching residents twice. 429 and 5xx are retried with back-off; other 4xx are final."""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from linepush import client as line
from linepush.models import LineDelivery, LineDeliveryAttempt

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def backoff_seconds(attempt, retry_after=None):
    base = float(getattr(settings, "LINE_RETRY_BACKOFF_SECONDS", 2))
    if retry_after:
        try:
            return min(float(retry_after), 60.0)
        except ValueError:
            pass
    return min(base * (2 ** (attempt - 1)), 60.0)


def build_messages(delivery):
    from linebot.v3.messaging import ImageMessage, TextMessage

    text = delivery.text.strip()
    if delivery.url:
        text = f"{text}\n{delivery.url}"
    messages = [TextMessage(text=text)]
    if delivery.image_url:
        messages.append(ImageMessage(originalContentUrl=delivery.image_url, previewImageUrl=delivery.image_url))
    return messages


def _header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return ""


def _post(api, delivery):
    from linebot.v3.messaging import AudienceRecipient, BroadcastRequest, NarrowcastRequest

    messages = build_messages(delivery)
    kwargs = {"x_line_retry_key": str(delivery.retry_key), "_request_timeout": line.request_timeout()}
    if delivery.audience_group_id:
        request = NarrowcastRequest(
            messages=messages, recipient=AudienceRecipient(audienceGroupId=delivery.audience_group_id)
        )
        return api.narrowcast_with_http_info(request, **kwargs)
    return api.broadcast_with_http_info(BroadcastRequest(messages=messages), **kwargs)


def _claim(delivery_id):
    """The delivery, marked 配信中, or None when another worker has it or it is done."""
    with transaction.atomic():
        delivery = LineDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status not in (LineDelivery.QUEUED, LineDelivery.FAILED):
            return None
        delivery.status = LineDelivery.SENDING
        delivery.save(update_fields=["status"])
        return delivery


def _finish(delivery, status, request_id="", error=""):
    delivery.status = status
    delivery.request_id = request_id or delivery.request_id
    delivery.error = error
    if status == LineDelivery.SENT:
        delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "request_id", "error", "sent_at"])


def send_delivery(delivery_id, sleep=time.sleep):
    """Send one delivery until LINE accepts it, a final error, or MAX_ATTEMPTS. Returns the delivery."""
    from linebot.v3.messaging.exceptions import ApiException

    delivery = _claim(delivery_id)
    if delivery is None:
        return LineDelivery.objects.filter(pk=delivery_id).first()
    if not line.is_configured():
        _finish(delivery, LineDelivery.NOT_CONFIGURED, error=line.NOT_CONFIGURED_MESSAGE)
        return delivery
    api_client, api = line.messaging_api()
    try:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            retry_after = None
            try:
                response = _post(api, delivery)
            except ApiException as error:
                status = error.status
                request_id = _header(error.headers, "x-line-request-id")
                if status == 409 and _header(error.headers, "x-line-accepted-request-id"):
                    # LINE already accepted this retry key: the earlier attempt went through.
                    accepted = _header(error.headers, "x-line-accepted-request-id")
                    LineDeliveryAttempt.objects.create(
                        delivery=delivery, http_status=status, request_id=request_id,
                        error="LINEが受付済みのため、再送しませんでした。",
                    )
                    _finish(delivery, LineDelivery.SENT, request_id=accepted)
                    return delivery
                LineDeliveryAttempt.objects.create(
                    delivery=delivery, http_status=status, request_id=request_id,
                    error=_api_error_text(status, error.body),
                )
                if status != 429 and not (status and status >= 500):
                    _finish(delivery, LineDelivery.FAILED, request_id, _api_error_text(status, error.body))
                    return delivery
                retry_after = _header(error.headers, "retry-after")
            except Exception as error:  # timeout, refused connection: LINE may or may not have it
                logger.warning("LINE delivery %s: %s", delivery.pk, type(error).__name__)
                LineDeliveryAttempt.objects.create(
                    delivery=delivery, error=f"LINEに接続できませんでした（{type(error).__name__}）。"
                )
            else:
                request_id = _header(response.headers, "x-line-request-id")
                LineDeliveryAttempt.objects.create(
                    delivery=delivery, http_status=response.status_code, request_id=request_id
                )
                _finish(delivery, LineDelivery.SENT, request_id=request_id)
                return delivery
            if attempt < MAX_ATTEMPTS:
                sleep(backoff_seconds(attempt, retry_after))
        _finish(
            delivery, LineDelivery.FAILED,
            error=f"{MAX_ATTEMPTS}回試しましたが、LINEに受け付けられませんでした。時間をおいて再送してください。",
        )
        return delivery
    finally:
        api_client.close()


def _api_error_text(status, body):
    messages = {
        400: "LINEがメッセージの形式を受け付けませんでした。",
        401: "チャネルアクセストークンが正しくありません。",
        403: "このチャネルには配信の権限がありません（オーディエンスの設定をご確認ください）。",
        429: "LINEの送信数の上限に達したか、混み合っています。",
    }
    text = messages.get(status) or ("LINEのサーバーで障害が起きています。" if status and status >= 500 else "")
    detail = body.decode("utf-8", "replace")[:300] if isinstance(body, bytes) else str(body or "")[:300]
    return f"HTTP {status}：{text}{('（' + detail + '）') if detail else ''}"
