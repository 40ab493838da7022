from django.apps import AppConfig


class A11yConfig(AppConfig):
    name = "cms.a11y"
    label = "a11y"
    verbose_name = "アクセシビリティ"

    def ready(self):
        from cms.a11y.forms import apply_to_page_models

        apply_to_page_models()
