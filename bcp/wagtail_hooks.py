"""BCP訓練の記録 in the admin (設定 menu): a read-only list that shows 訓練の回数 per 年度."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import BCPDrill


class DrillRecordPermissionPolicy(ModelPermissionPolicy):
    """Drills are recorded by `manage.py bcp_drill`, never typed in or edited afterwards."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class BCPDrillViewSet(ModelViewSet):
    model = BCPDrill
    icon = "history"
    menu_label = "BCP訓練の記録"
    add_to_settings_menu = True
    name = "bcp_drills"
    list_display = [
        "started_at_jst",
        "fiscal_year_label",
        "result",
        "rto_label",
        "pages_checked",
        "archive_name",
    ]
    list_filter = ["fiscal_year", "result"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "started_at_jst",
        "result",
        "rto_label",
        "restore_seconds",
        "archive_name",
        "archive_created_at_jst",
        "database_vendor",
        "pages_checked",
        "problems",
        "report_lines",
    ]
    form_fields = ["result"]  # required by ModelViewSet; the edit view is closed by the policy


register_permission_policy(BCPDrill, DrillRecordPermissionPolicy(BCPDrill), exact_class=True)
bcp_drill_viewset = BCPDrillViewSet()


@hooks.register("register_admin_viewset")
def register_bcp_drill_viewset():
    return bcp_drill_viewset
