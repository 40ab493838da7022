"""BCP訓練の記録 in the admin (設定 menu): a read-only list that shows 訓練の回数 per 年度; and the
superuser's dashboard panel with the last backup and the last drill."""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .backup import archives
from .models import BCPDrill, jst_text


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


class BCPStatusPanel(Component):
    """Warns when the newest backup or drill is older than its schedule (daily backup, quarterly
    drill; BCP_BACKUP_MAX_AGE_HOURS and BCP_DRILL_MAX_AGE_DAYS, with a day of slack each)."""

    name = "bcp_status"
    order = 90
    template_name = "bcp/dashboard_panel.html"

    def get_context_data(self, parent_context):
        now = timezone.now()
        warnings = []
        directory = getattr(settings, "BACKUP_DIR", "")
        found = archives(directory) if directory else []
        backup_hours = int(getattr(settings, "BCP_BACKUP_MAX_AGE_HOURS", 26))
        drill_days = int(getattr(settings, "BCP_DRILL_MAX_AGE_DAYS", 93))
        last_backup = found[0][0] if found else None
        if last_backup is None:
            warnings.append("バックアップがありません。バックアップの定期実行（タイマー）を確認してください。")
        elif now - last_backup > datetime.timedelta(hours=backup_hours):
            warnings.append(
                f"最後のバックアップから{backup_hours}時間以上たっています。バックアップのタイマーを確認してください。"
            )
        last_drill = BCPDrill.objects.order_by("-started_at").first()
        if last_drill is None:
            warnings.append("BCP訓練の記録がありません。bcp_drill を実行してください。")
        elif now - last_drill.started_at > datetime.timedelta(days=drill_days):
            warnings.append(f"最後のBCP訓練から{drill_days}日以上たっています（訓練は四半期に一度です）。")
        elif last_drill.result != BCPDrill.RESULT_SUCCESS:
            warnings.append("最後のBCP訓練は失敗しました。結果の詳細を確認してください。")
        return {
            "last_backup": jst_text(last_backup) if last_backup else "",
            "last_drill": last_drill,
            "last_drill_time": jst_text(last_drill.started_at) if last_drill else "",
            "warnings": warnings,
        }


@hooks.register("construct_homepage_panels")
def add_bcp_status_panel(request, panels):
    if request.user.is_superuser:
        panels.append(BCPStatusPanel())
