from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "cms_security"
    verbose_name = "セキュリティ"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .spreadsheets import install_in_wagtail_exports

        install_in_wagtail_exports()
