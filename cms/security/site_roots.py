"""Site roots and section roots: only a superuser deletes, moves or unpublishes them.

Protected: every page that is a Site's root, its translations (the /en/, /zh-hans/… tops), the
pages directly below those (sections such as /kurashi/ or /kanko/), and anything at the top of the
tree. One POST by a department editor once deleted the whole water site (27 pages) and made
water.localhost serve the city site.

Undo path: before a superuser deletes a protected page, the pages below it, their revisions and
the Sites rooted there are written as a fixture to DELETED_PAGES_DIR; `manage.py loaddata FILE`
followed by `manage.py fixtree` restores them (see docs/security.md).
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PagePermissionTester, Revision, Site

PROTECTED_MESSAGE = (
    "「{title}」は{kind}のため、削除・移動・非公開にできるのはシステム管理者だけです。"
    "必要な場合は、システム管理者（秘書広報課）にご相談ください。"
)


def _root_ids():
    site_root_ids = list(Site.objects.values_list("root_page_id", flat=True))
    keys = Page.objects.filter(pk__in=site_root_ids).values_list("translation_key", flat=True)
    return set(
        Page.objects.filter(Q(pk__in=site_root_ids) | Q(translation_key__in=keys)).values_list(
            "pk", flat=True
        )
    )


def protection_kind(page):
    """'サイトのトップページ', '大きな区分のトップページ' or None for an ordinary page."""
    if page.depth <= 2:
        return "サイトのトップページ"
    roots = _root_ids()
    if page.pk in roots:
        return "サイトのトップページ"
    parent = page.get_parent()
    if parent is not None and parent.pk in roots:
        return "大きな区分のトップページ"
    return None


class RootPagePermissionTester(PagePermissionTester):
    """Wagtail's permission tester, except that privacy (password, login, groups) on a protected
    page is a superuser's: a section owner once put the whole water site, /apply/ included, behind
    a password. Wagtail hides the privacy button and its view answers 403 when this says no."""

    def can_set_view_restrictions(self):
        if not self.user.is_superuser and protection_kind(self.page) is not None:
            return False
        return super().can_set_view_restrictions()


def export_before_delete(page):
    """Write `page`, its translations, everything below them, their revisions and Sites to a fixture."""
    heads = Page.objects.filter(translation_key=page.translation_key)
    condition = Q(pk__in=[])
    for head in heads:
        condition |= Q(path__startswith=head.path)
    pages = list(Page.objects.filter(condition).order_by("path"))
    specifics = [p.specific for p in pages if p.specific_class is not None and p.specific_class is not Page]
    page_ids = [p.pk for p in pages]
    sites = list(Site.objects.filter(root_page_id__in=page_ids))
    revisions = list(Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids]))
    purge_old_exports()
    directory = Path(settings.DELETED_PAGES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = directory / f"deleted-page-{page.pk}-{stamp}.json"
    with path.open("w", encoding="utf-8") as stream:
        serializers.serialize(
            "json", [*pages, *specifics, *sites, *revisions], stream=stream, ensure_ascii=False
        )
    return path, len(pages)


def purge_old_exports(days=None):
    """Exports are kept DELETED_PAGES_RETENTION_DAYS days (they hold the deleted content)."""
    days = days if days is not None else settings.DELETED_PAGES_RETENTION_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    directory = Path(settings.DELETED_PAGES_DIR)
    for path in directory.glob("deleted-page-*.json") if directory.exists() else []:
        if datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC) < cutoff:
            path.unlink()
