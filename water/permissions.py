"""Who may see applications to start or stop water service: the 経営課 group (and superusers)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

HANDLE_CODENAME = "handle_waterapplication"
HANDLE_PERMISSION = f"water.{HANDLE_CODENAME}"
STAFF_GROUP_NAME = "経営課"


class WaterApplicationPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Applications hold personal data: one custom permission (given to 経営課) opens view and change.

    Nobody adds applications in the admin (residents send them) and nobody deletes them by hand
    (purge_water_applications anonymises them after the retention period).
    """

    ALLOWED_ACTIONS = {"view", "change"}

    def __init__(self):
        super().__init__("water.WaterApplication")

    def user_has_permission(self, user, action):
        if action not in self.ALLOWED_ACTIONS or not user.is_active:
            return False
        return user.is_superuser or user.has_perm(HANDLE_PERMISSION)

    def users_with_any_permission(self, actions):
        if not self.ALLOWED_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        permission = self._get_users_with_any_permission_codenames_filter([HANDLE_CODENAME])
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | permission)
            .distinct()
        )


def ensure_staff_group():
    """The 経営課 group with the permissions its work needs (the home app may create it first)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    wanted = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="water", codename=HANDLE_CODENAME)
        | Q(
            content_type__app_label="water",
            content_type__model__in=["waterqualityresult", "waterqualityitem", "waterqualitysamplingpoint"],
        )
    )
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    return group
