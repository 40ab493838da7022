"""DeepL for wagtail-localize with the target codes DeepL needs for our languages.

wagtail-localize's DeepL translator sends "ZH" for both Chinese locales (DeepL then writes simplified
Chinese for zh-hant too) and "EN" for English, which DeepL rejects as a target.
"""

from wagtail_localize.machine_translators.deepl import DeepLTranslator

DEEPL_TARGETS = {"en": "EN-US", "zh-hans": "ZH-HANS", "zh-hant": "ZH-HANT", "ko": "KO", "ja": "JA"}


class SukagawaDeepLTranslator(DeepLTranslator):
    display_name = "DeepL"

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        target = DEEPL_TARGETS.get(target_locale.language_code.lower())
        if target:
            parameters["target_lang"] = target
        return parameters

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
