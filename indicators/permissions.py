"""Who sees which indicator, and who records 電話・窓口の開閉栓受付.

秘書広報課 sees every indicator (it compiles the yearly report); 経営課 sees its own 5-3 and 5-4 and
records the telephone and counter applications; 観光交流課 sees 8-2. Superusers see everything.
"""

from django.contrib.auth.models import Group, Permission

VIEW_ALL = "indicators.view_all_indicators"
VIEW_WATER = "indicators.view_water_indicators"
VIEW_TOURISM = "indicators.view_tourism_indicators"

# Group names as home.permissions creates them (kept here as text: home does not depend on us).
GROUP_PERMISSIONS = {
    "秘書広報課": ["view_all_indicators"],
    "経営課": [
        "view_water_indicators",
        "add_waterapplicationtally",
        "change_waterapplicationtally",
        "delete_waterapplicationtally",
        "view_waterapplicationtally",
    ],
    "観光交流課": ["view_tourism_indicators"],
}


def ensure_indicator_permissions(create_groups=False):
    """Give the three groups their permissions; idempotent. Missing groups are skipped unless asked."""
    for group_name, codenames in GROUP_PERMISSIONS.items():
        if create_groups:
            group, _ = Group.objects.get_or_create(name=group_name)
        else:
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
        wanted = Permission.objects.filter(content_type__app_label="indicators", codename__in=codenames)
        group.permissions.add(*wanted)


def grant_on_migrate(sender, **kwargs):
    ensure_indicator_permissions(create_groups=False)


def visible_measures(user):
    """The measure numbers this user may see in the report, in the plan's order."""
    from indicators.measures import MEASURES

    if not user.is_active:
        return []
    if user.is_superuser or user.has_perm(VIEW_ALL):
        return [measure.number for measure in MEASURES]
    numbers = []
    if user.has_perm(VIEW_WATER):
        numbers += ["5-3", "5-4"]
    if user.has_perm(VIEW_TOURISM):
        numbers += ["8-2"]
    return [measure.number for measure in MEASURES if measure.number in numbers]
