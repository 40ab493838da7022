"""Admin: the report 「計画の指標」 (レポート menu) and 電話・窓口の開閉栓受付 (経営課)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from indicators import admin_views
from indicators.models import WaterApplicationTally
from indicators.permissions import visible_measures


class WaterApplicationTallyViewSet(SnippetViewSet):
    """A few clicks per call: the form opens with today, 開栓 and 電話 chosen, count 1."""

    model = WaterApplicationTally
    icon = "list-ol"
    menu_label = "電話・窓口の開閉栓受付"
    menu_name = "water-application-tallies"
    menu_order = 350
    add_to_admin_menu = True
    url_prefix = "indicators/water-tallies"
    url_namespace = "indicators_water_tallies"
    list_display = ["date", "kind", "channel", "count", "created_at"]
    list_filter = ["kind", "channel"]
    ordering = ["-date", "-pk"]
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("channel"), FieldPanel("count")]),
    ]


register_snippet(WaterApplicationTallyViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/keikaku-shihyo/", admin_views.report, name="indicators_report")]


class IndicatorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(visible_measures(request.user))


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return IndicatorMenuItem("計画の指標", reverse("indicators_report"), icon_name="table", order=700)
