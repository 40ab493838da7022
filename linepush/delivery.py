"""Recording a delivery and queueing it. The record comes first, inside the publish transaction;
the task is queued on commit, so a rolled-back publish sends nothing and a lost task leaves a
visible 配信待ち row (re-queued by `line_resend_pending`)."""

from django.db import transaction

from linepush.models import LineDelivery, PageLineMessage

# The page types editors may mark 「LINEで配信」 (お知らせ; 重要なお知らせ are 緊急情報 on the site).
LINE_PAGE_TYPES = {"home.newspage"}


def page_supports_line(page):
    return page.specific_class._meta.label_lower in LINE_PAGE_TYPES


def queue(delivery, publisher=None):
    """Enqueue on commit. `publisher(page_id)` names who published: Wagtail logs that only after
    page_published, so the record is completed on commit, before the task is queued."""
    from linepush.tasks import send_line_delivery

    def enqueue():
        if publisher is not None:
            user, how = publisher(delivery.page_id)
            LineDelivery.objects.filter(pk=delivery.pk).update(
                requested_by=user, requested_by_name=_user_name(user), how=how
            )
        send_line_delivery.enqueue(delivery.pk)

    transaction.on_commit(enqueue)


def _user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def page_language(page):
    return page.locale.language_code if page.locale_id else "ja"


def record_for_page(page, message, publisher):
    image_url = ""
    if message.image_id:
        rendition = message.image.get_rendition("max-1040x1040|format-jpeg")
        image_url = rendition.full_url
    delivery = LineDelivery.objects.create(
        page=page,
        source=page.title,
        text=message.text,
        url=page.full_url or "",
        image_url=image_url,
        image_alt=message.image_alt,
        category_name=message.category.name,
        audience_group_id=message.category.audience_group_id,
        how="公開",
    )
    queue(delivery, publisher)
    return delivery


def record_now(source, text, url, category, user, how):
    delivery = LineDelivery.objects.create(
        source=source, text=text, url=url, category_name=category.name,
        audience_group_id=category.audience_group_id, requested_by=user,
        requested_by_name=_user_name(user), how=how,
    )
    queue(delivery)
    return delivery


def message_for(page):
    return PageLineMessage.objects.filter(page_id=page.pk).select_related("category", "image").first()


def should_deliver(page, message):
    if message is None or not message.enabled or not message.category_id or not message.text.strip():
        return False
    if message.category.language != page_language(page):
        return False
    already = LineDelivery.objects.filter(page_id=page.pk).exists()
    return not already or message.send_again


def latest_for(page):
    return LineDelivery.objects.filter(page_id=page.pk).first()
