"""Language codes (Django's lower-case codes, the BCP 47 tags HTML wants) and per-language model fields."""

from django.conf import settings
from django.db import models

HTML_LANG = {"ja": "ja", "en": "en", "zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "ko": "ko"}


def html_lang(language_code):
    code = (language_code or settings.LANGUAGE_CODE).lower()
    return HTML_LANG.get(code, code)


def language_name(language_code):
    """The language's own name (日本語, English, 简体中文 …), as a switcher shows it."""
    return dict(settings.LANGUAGES).get(language_code.lower(), language_code)


# The guide's foreign languages as model field suffixes (see cms_tags.field_suffix), with the Japanese
# name an editor's label gives each: 開庁時間（英語）.
FOREIGN_LANGUAGE_LABELS = {"en": "英語", "zh_hans": "中国語簡体字", "zh_hant": "中国語繁体字", "ko": "韓国語"}


def foreign_language_field_names(name):
    """["office_hours_en", "office_hours_zh_hans", …]: the fields `with_foreign_languages` adds for `name`."""
    return [f"{name}_{suffix}" for suffix in FOREIGN_LANGUAGE_LABELS]


def with_foreign_languages(*names):
    """Model decorator: beside each named CharField, one optional CharField per foreign language.

    For short texts of settings and snippets that wagtail-localize does not translate (開庁時間, the
    bloom report's ひとこと): an editor writes each language, and the `in_language` template tag shows
    the visitor's one, or the Japanese while it is empty. `@with_foreign_languages("comment")` adds
    comment_en 「ひとこと（英語）」, comment_zh_hans, comment_zh_hant and comment_ko, as long as the
    Japanese field; the migrations list them like any other field.
    """

    def add_fields(model):
        for name in names:
            japanese = model._meta.get_field(name)
            for field_name, language in zip(foreign_language_field_names(name), FOREIGN_LANGUAGE_LABELS.values(), strict=True):
                label = f"{japanese.verbose_name}（{language}）"
                model.add_to_class(field_name, models.CharField(label, max_length=japanese.max_length, blank=True))
        return model

    return add_fields
