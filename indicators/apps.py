from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "計画の指標"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from indicators.permissions import grant_on_migrate

        post_migrate.connect(grant_on_migrate, sender=self)
