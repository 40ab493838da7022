from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = "職員のアカウント"
    default_auto_field = "django.db.models.BigAutoField"


class CityUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the city's user forms (姓・名 and their readings, 姓 first)."""

    user_viewset = "cms.accounts.views.CityUserViewSet"
