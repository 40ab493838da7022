from django.conf import settings


def can_override(user):
    """秘書広報課 (and administrators) may publish a page whose accessibility errors they accepted."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "A11Y_OVERRIDE_GROUPS", ["秘書広報課"])
    return user.groups.filter(name__in=groups).exists()
