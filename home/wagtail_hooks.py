"""Admin additions for the city site: the dashboard says at once whether 災害モード is on."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import DisasterModeSettings, EmergencyNotice, active_emergency_notices


class EmergencyNoticeViewSet(SnippetViewSet):
    model = EmergencyNotice
    icon = "warning"
    menu_label = "緊急情報"
    list_display = ["title", "level", "starts_at", "ends_at", "status"]
    list_filter = ["level"]
    ordering = ["-starts_at"]


register_snippet(EmergencyNoticeViewSet)


class DisasterStatusPanel(Component):
    """ダッシュボード: 災害モードの状態と表示中の緊急情報 (the first thing 秘書広報課 checks in an emergency)."""

    name = "disaster_status"
    order = 50
    template_name = "home/admin/disaster_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        site = Site.objects.filter(is_default_site=True).first()
        settings = DisasterModeSettings.for_site(site) if site else None
        can_change = self.user.has_perm("home.change_disastermodesettings")
        return {
            "disaster": settings,
            "notices": active_emergency_notices(),
            "settings_url": (
                reverse("wagtailsettings:edit", args=["home", "disastermodesettings", site.pk])
                if site and can_change
                else ""
            ),
            "notices_url": reverse("wagtailsnippets_home_emergencynotice:list")
            if self.user.has_perm("home.change_emergencynotice")
            else "",
        }


@hooks.register("construct_homepage_panels")
def add_disaster_status_panel(request, panels):
    if request.user.has_perm("home.change_disastermodesettings") or request.user.has_perm(
        "home.change_emergencynotice"
    ):
        panels.append(DisasterStatusPanel(request.user))


@hooks.register("construct_homepage_panels")
def add_my_drafts_panel(request, panels):
    from home.dashboard import MyDraftsPanel

    panels.append(MyDraftsPanel(request.user))


@hooks.register("before_serve_page", order=-100)
def serve_disaster_top_in_every_language(page, request, serve_args, serve_kwargs):
    """While 災害モード is on, /en/, /zh-hans/ … get the disaster top too, before any other app's top.

    The tourism app serves the foreign-language city tops from its own hook; in an emergency a visitor
    from abroad needs the evacuation information first, so this hook runs earlier.
    """
    from home.models import CityHomePage

    if page.specific_class is not CityHomePage:
        return None
    settings = DisasterModeSettings.for_request(request)
    if settings.is_active or request.GET.get("disaster-preview") == "1":
        return page.specific.serve_disaster_top(request, settings)
    return None
