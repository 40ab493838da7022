"""Delivery on publish only: Wagtail's page_published is sent when a page goes live — direct
publish, workflow approval, scheduled publishing — never on save or on submission for approval."""

from wagtail.models import PageLogEntry
from wagtail.signals import page_published


def who_published(page_id):
    """(user, how) from the log entry Wagtail writes just after the signal (read on commit)."""
    entries = list(
        PageLogEntry.objects.filter(page_id=page_id)
        .exclude(action="wagtail.rename")
        .select_related("user", "revision__user").order_by("-timestamp", "-pk")[:2]
    )
    if not entries or not entries[0].action.startswith("wagtail.publish"):
        return None, "公開"
    entry = entries[0]
    if entry.action == "wagtail.publish.scheduled" or entry.user is None:
        return (entry.revision.user if entry.revision_id else None), "予約公開"
    approved = len(entries) > 1 and entries[1].action == "wagtail.workflow.approve"
    return entry.user, ("承認により公開" if approved else "公開（承認なし）")


def on_page_published(sender, instance, revision=None, **kwargs):
    from linepush import delivery

    if not instance.live or not delivery.page_supports_line(instance):
        return  # a page scheduled for later: page_published comes again when it goes live
    message = delivery.message_for(instance)
    if not delivery.should_deliver(instance, message):
        return
    delivery.record_for_page(instance, message, publisher=who_published)
    if message.send_again:
        message.send_again = False
        message.save(update_fields=["send_again"])


def connect():
    page_published.connect(on_page_published, dispatch_uid="linepush_page_published")
