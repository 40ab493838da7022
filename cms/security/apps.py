from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "cms_security"
    verbose_name = "セキュリティ"

    def ready(self):
        from . import streamfield
        from .spreadsheets import install_in_wagtail_exports

        install_in_wagtail_exports()
        streamfield.install()
