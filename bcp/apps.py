from django.apps import AppConfig


class BcpConfig(AppConfig):
    name = "bcp"
    verbose_name = "BCP（バックアップと復旧）"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
