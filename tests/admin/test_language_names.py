"""Languages by their Japanese names in the Japanese admin; each by its own name on the public switcher."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale

from cms.i18n import language_name

pytestmark = pytest.mark.django_db

JAPANESE_NAMES = {
    "ja": "日本語",
    "en": "英語",
    "zh-hans": "中国語（簡体字）",
    "zh-hant": "中国語（繁体字）",
    "ko": "韓国語",
}


@pytest.mark.parametrize(("code", "name"), JAPANESE_NAMES.items())
def test_locale_is_named_in_japanese_for_staff(code, name):
    with translation.override("ja"):
        assert Locale.objects.get(language_code=code).get_display_name() == name


def test_english_admin_names_the_languages_in_english():
    with translation.override("en"):
        assert Locale.objects.get(language_code="ko").get_display_name() == "Korean"


def test_locales_settings_screen_shows_no_native_language_names(client):
    admin = get_user_model().objects.create_superuser("admin-lang", "a@city.sukagawa.example", "pw-admin-lang")
    client.force_login(admin)
    html = client.get("/admin/locales/").content.decode()
    assert "韓国語" in html and "中国語（繁体字）" in html
    for native in ("English", "한국어", "简体中文", "繁體中文"):
        assert native not in html


@pytest.mark.parametrize(("code", "name"), [("en", "English"), ("ko", "한국어"), ("zh-hant", "繁體中文")])
def test_public_switcher_keeps_each_language_in_its_own_name(code, name):
    with translation.override("ja"):
        assert language_name(code) == name
