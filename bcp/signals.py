"""Keep the emergency static copy current: after a publish or settings save that changes it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import emergency


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if emergency.output_root() is not None and emergency.page_affects_copy(instance):
        emergency.schedule_export(emergency.sites_of(instance))


@receiver(post_save)
@receiver(post_delete)
def settings_changed(sender, instance, **kwargs):
    if emergency.output_root() is None or kwargs.get("raw"):
        return
    if sender._meta.label in emergency.settings_model_labels():
        # Per-Site settings (災害モード) change their own Site; other models may change every Site.
        site = getattr(instance, "site", None)
        emergency.schedule_export({site} if site is not None else None)
