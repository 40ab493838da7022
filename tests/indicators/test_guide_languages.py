"""8-2: the number of foreign languages in which the whole guide (every spot and event) is live."""


from indicators.measures import compute
from tests.tourism.conftest import guide, guide_in_module, no_search_index_updates  # noqa: F401


def languages():
    (result,) = compute(2026, ["8-2"])
    return result


def test_a_language_counts_when_every_spot_and_event_is_translated_and_live(guide):  # noqa: F811
    result = languages()
    assert result.value_text == "4か国語"
    assert ("英語", "2／2ページ（すべて公開）") in result.details


def test_one_unpublished_translation_leaves_that_language_incomplete(guide):  # noqa: F811
    from wagtail.models import Locale

    guide["event"].get_translation(Locale.objects.get(language_code="ko")).unpublish()
    result = languages()
    assert result.value == 3
    assert ("韓国語", "1／2ページ（未完成）") in result.details
