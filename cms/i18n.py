"""Language codes: Django's lower-case codes and the BCP 47 tags HTML wants."""

from django.conf import settings

HTML_LANG = {"ja": "ja", "en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "ko": "ko"}


def html_lang(language_code):
    code = (language_code or settings.LANGUAGE_CODE).lower()
    return HTML_LANG.get(code, code)


def language_name(language_code):
    """The language's own name (日本語, English, 简体中文 …), as a switcher shows it."""
    return dict(settings.LANGUAGES).get(language_code.lower(), language_code)
