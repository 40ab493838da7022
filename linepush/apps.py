from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LinePushConfig(AppConfig):
    name = "linepush"
    verbose_name = "市公式LINE"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from linepush import signals
        from linepush.permissions import grant_on_migrate

        signals.connect()
        post_migrate.connect(grant_on_migrate, sender=self)
