"""The seeded demo (shared with the browser tests, no browser here): spots and events in five languages."""

import io
import logging

import pytest
from wagtail.models import Locale, Page

from cms.demo_utils import DemoContext
from tourism.models import EventPage, PeonyBloomReport, SpotPage

pytestmark = pytest.mark.demo


def test_demo_has_twelve_spots_and_eight_events_each_in_four_more_languages(seeded_demo, demo_db):
    japanese = Locale.objects.get(language_code="ja")
    spots = SpotPage.objects.live().filter(locale=japanese)
    events = EventPage.objects.live().filter(locale=japanese)
    assert spots.count() >= 12
    assert events.count() >= 8
    assert "須賀川牡丹園" in set(spots.values_list("title", flat=True))
    for page in [*spots, *events]:
        languages = {p.locale.language_code for p in page.get_translations().live().select_related("locale")}
        assert languages == {"en", "zh-hans", "zh-hant", "ko"}, page.title
        for translation in page.get_translations().specific():
            assert translation.summary != page.summary, translation  # really translated, not copied
    assert PeonyBloomReport.current() is not None


def test_running_the_tourism_demo_again_changes_nothing(seeded_demo, demo_db, caplog):
    from wagtail.models import Site

    import tourism.demo

    # Every page, the translated city tops (depth 2) included: seed_demo reads the root pages fresh,
    # so nothing that apps seeding after tourism add makes the guide re-translate them.
    guide_pages = Page.objects.all()
    before = list(guide_pages.values_list("pk", "latest_revision_id").order_by("pk"))
    ctx = DemoContext(stdout=io.StringIO(), city_site=Site.objects.get(is_default_site=True))
    caplog.set_level(logging.INFO, logger="tourism.demo")
    tourism.demo.seed(ctx)
    assert ctx.created == 0, caplog.text
    assert list(guide_pages.values_list("pk", "latest_revision_id").order_by("pk")) == before, caplog.text
