from django.apps import AppConfig


class WaterConfig(AppConfig):
    name = "water"
    verbose_name = "水道事業"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from water.models import WaterApplication
        from water.permissions import WaterApplicationPermissionPolicy

        # Before the admin viewset registers: applications follow their own policy, not model perms.
        register_permission_policy(WaterApplication, WaterApplicationPermissionPolicy(), exact_class=True)
