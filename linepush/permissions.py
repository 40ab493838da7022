"""Who sees the delivery log and who may send 緊急情報 at once: 秘書広報課 (superusers too)."""

from django.contrib.auth.models import Group, Permission

VIEW_LOG = "linepush.view_delivery_log"
SEND_NOW = "linepush.send_emergency_now"

# Group name as home.permissions creates it (kept as text: we do not depend on home).
GROUP_PERMISSIONS = {
    "秘書広報課": [
        "view_delivery_log",
        "send_emergency_now",
        "add_deliverycategory",
        "change_deliverycategory",
        "delete_deliverycategory",
        "view_deliverycategory",
        "add_followercount",
        "change_followercount",
        "view_followercount",
        "change_linesettings",
    ],
}


def ensure_line_permissions(create_groups=False):
    for group_name, codenames in GROUP_PERMISSIONS.items():
        if create_groups:
            group, _ = Group.objects.get_or_create(name=group_name)
        else:
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="linepush", codename__in=codenames)
        )


def grant_on_migrate(sender, **kwargs):
    ensure_line_permissions(create_groups=False)
