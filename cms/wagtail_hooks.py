from django.templatetags.static import static
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize import models as wagtail_localize_models
from wagtail_localize.views import edit_translation as wagtail_localize_edit_translation

from cms.admin_chooser import restrict_to_own_sites
from cms.models import Department


@hooks.register("construct_page_chooser_queryset")
def page_chooser_shows_own_sites(pages, request):
    return restrict_to_own_sites(pages, request)


@hooks.register("insert_editor_js")
def translation_editor_in_japanese():
    return format_html('<script src="{}" defer></script>', static("cms/admin/localize-japanese.js"))


# Wagtail 8.0's site list labels its columns from the field names ("Site name", "Root page"), in
# English whatever the language; the model's own (translated) verbose names are what it meant.
_capfirst_lazy = lazy(capfirst, str)
_SITE_COLUMN_LABELS = {"site_name": gettext_lazy("site name"), "root_page": gettext_lazy("root page")}
for _column in SiteIndexView.columns:
    if _column.name in _SITE_COLUMN_LABELS:
        _column.label = _capfirst_lazy(_SITE_COLUMN_LABELS[_column.name])


class DepartmentChooserViewSet(SnippetChooserViewSet):
    """All 担当課 on one screen, by name and 係 (a city has a few dozen; paging hid most of them)."""

    def get_object_list(self):
        return Department.objects.order_by("name", "section")


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    chooser_viewset_class = DepartmentChooserViewSet
    chooser_per_page = 200
    list_display = ["name", "section", "phone"]
    ordering = ["name", "section"]


register_snippet(DepartmentViewSet)


# wagtail-localize 1.14.5 writes 「1 December 2026に手動で翻訳」 with strftime's English month names;
# the city writes dates as 2026年12月1日. The editor's view imported the format for the page's
# last publication date too.
wagtail_localize_models.DATE_FORMAT = wagtail_localize_edit_translation.DATE_FORMAT = "%Y年%-m月%-d日"
