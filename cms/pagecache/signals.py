"""What drops cached pages: every change that shows on a public page.

- a page published, unpublished (translations too: each is a page), moved or deleted: its Site, since
  menus, lists, breadcrumbs and the top page show titles and summaries of other pages;
- a Site setting (災害モード, サイト情報): that Site; a generic setting, a Site or a privacy setting: every Site;
- a snippet (緊急情報, 担当課, 牡丹園の開花状況 …), an image, a document, a redirect, or a model listed in
  settings.PAGE_CACHE_SHOWN_MODELS (水質検査結果, 試験結果): every Site, since they show wherever used.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .purge import ALL_SITES, ban_site_of_page, ban_sites

EVERY_SITE_MODELS = (BaseGenericSetting, Site, PageViewRestriction, AbstractImage, AbstractDocument, Redirect)


def _shown_models():
    """Models that are neither pages nor snippets but show on pages (settings.PAGE_CACHE_SHOWN_MODELS)."""
    return {apps.get_model(label) for label in settings.PAGE_CACHE_SHOWN_MODELS}


def _snippet_models():
    # Loads every app's wagtail_hooks first (where register_snippet runs), also in a management command.
    from wagtail.snippets.models import get_snippet_models

    return get_snippet_models()


def on_page_published(sender, instance, **kwargs):
    ban_site_of_page(instance)


def on_page_moved(sender, instance, **kwargs):
    # A move can cross Sites; moves are rare, so drop everything.
    ban_sites(ALL_SITES)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        ban_sites(ALL_SITES)


def on_model_changed(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if isinstance(instance, Page) or isinstance(instance, AbstractRendition):
        return  # drafts are saved without showing; publishing sends its own signal
    if isinstance(instance, BaseSiteSetting):
        ban_sites([instance.site_id])
    elif isinstance(instance, EVERY_SITE_MODELS) or sender in _snippet_models() or sender in _shown_models():
        ban_sites(ALL_SITES)


def connect():
    page_published.connect(on_page_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_published, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="pagecache-moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="pagecache-page-deleted")
    post_save.connect(on_model_changed, dispatch_uid="pagecache-saved")
    post_delete.connect(on_model_changed, dispatch_uid="pagecache-deleted")
