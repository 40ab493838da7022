"""wagtail-localize: synchronized fields and the PO export/import round trip."""

import datetime
from decimal import Decimal

import polib
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

from tourism.models import EventPage, SpotPage


def _english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def test_non_language_fields_are_synchronized_and_not_overridable():
    for model, names in [
        (SpotPage, {"latitude", "longitude", "fee_basic", "photo", "category", "opening_time"}),
        (EventPage, {"start_date", "end_date", "start_time", "fee_basic", "photo", "venue_spot"}),
    ]:
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        for name in names:
            assert isinstance(fields[name], SynchronizedField), name
            assert fields[name].is_overridable(None) is False, name


def test_changing_the_japanese_page_updates_synchronized_fields_of_translations(guide):
    spot = guide["spot"]
    spot.latitude = Decimal("37.100000")
    spot.fee_basic = 1500
    spot.save_revision().publish()
    event = guide["event"]
    event.start_date = datetime.date(2031, 5, 5)
    event.save_revision().publish()
    for page in (spot, event):
        source, _ = TranslationSource.update_or_create_from_instance(page)
        for translation in Translation.objects.filter(source=source):
            translation.save_target(publish=True)

    english_spot = _english(spot)
    assert english_spot.latitude == Decimal("37.100000")
    assert english_spot.fee_basic == 1500
    assert english_spot.title == "Sukagawa Peony Garden"  # translated text kept
    assert _english(event).start_date == datetime.date(2031, 5, 5)


def test_po_export_and_import_round_trip(guide):
    spot = guide["spot"]
    source = TranslationSource.objects.get_for_instance(spot)
    translation = Translation.objects.get(source=source, target_locale__language_code="ko")

    exported = translation.export_po()
    entry = next(e for e in exported if e.msgid == "国指定名勝の牡丹園です。")
    assert entry.msgstr == "국가 명승 모란원입니다."  # existing translations are exported

    # A translator edits the file and sends it back.
    po = polib.pofile(str(exported))
    next(e for e in po if e.msgid == "国指定名勝の牡丹園です。").msgstr = "국가 지정 명승인 모란 정원입니다."
    warnings = translation.import_po(po, user=None, tool_name="PO")
    translation.save_target(publish=True)

    assert warnings == []
    korean = spot.get_translation(Locale.objects.get(language_code="ko")).specific
    assert korean.summary == "국가 지정 명승인 모란 정원입니다."
    assert korean.live


def test_po_for_another_translation_is_ignored(guide):
    source = TranslationSource.objects.get_for_instance(guide["spot"])
    korean = Translation.objects.get(source=source, target_locale__language_code="ko")
    english = Translation.objects.get(source=source, target_locale__language_code="en")
    po = english.export_po()
    for entry in po:
        entry.msgstr = "wrong file"
    assert korean.import_po(po) == []
    korean.save_target(publish=True)
    assert (
        guide["spot"].get_translation(Locale.objects.get(language_code="ko")).specific.title
        == "스카가와 모란원"
    )


def test_without_a_deepl_key_there_is_no_machine_translator(settings):
    """Security II #8: not wagtail-localize's dummy, which reverses the text (in production too)."""
    from wagtail_localize.machine_translators import get_machine_translator

    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None


def test_deepl_gets_distinct_codes_for_simplified_and_traditional_chinese():
    from tourism.machine_translation import SukagawaDeepLTranslator

    translator = SukagawaDeepLTranslator({"AUTH_KEY": "test:fx"})
    ja = Locale(language_code="ja")
    targets = {
        code: translator.get_parameters(ja, Locale(language_code=code), [])["target_lang"]
        for code in ["en", "zh-hans", "zh-hant", "ko"]
    }
    assert targets == {"en": "EN-US", "zh-hans": "ZH-HANS", "zh-hant": "ZH-HANT", "ko": "KO"}


def test_demo_translation_follows_a_changed_source_and_is_idempotent(guide):
    from tests.tourism.conftest import STRINGS
    from tourism.demo import Glossary, translate

    glossary = Glossary()
    for value in STRINGS:
        glossary.add(value)
    locales = [Locale.objects.get(language_code="en")]
    spot = guide["spot"]
    spot.longitude = Decimal("140.400000")
    spot.save_revision().publish()

    translate(guide["ctx"], spot, glossary, locales)
    english = _english(spot)
    revision = english.latest_revision_id
    translate(guide["ctx"], spot, glossary, locales)

    assert english.longitude == Decimal("140.400000")
    assert _english(spot).latest_revision_id == revision
