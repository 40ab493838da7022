from django.urls import path
from wagtail import hooks

from water.admin_views import WaterViewSetGroup, quality_import_view


@hooks.register("register_admin_viewset")
def register_water_viewsets():
    return WaterViewSetGroup()


@hooks.register("register_admin_urls")
def register_water_admin_urls():
    return [path("water/quality-import/", quality_import_view, name="water_quality_import")]


@hooks.register("construct_homepage_panels")
def add_water_applications_panel(request, panels):
    from water.dashboard import WaterApplicationsPanel
    from water.permissions import HANDLE_PERMISSION

    if request.user.has_perm(HANDLE_PERMISSION):
        panels.append(WaterApplicationsPanel())
