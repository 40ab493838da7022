"""Demo of the tourism guide: Japanese pages, their wagtail-localize translations and the bloom status.

The translations go through wagtail-localize itself (TranslationSource, Translation and
StringTranslation, then `create_or_update_translation`), exactly as the translation editor or a PO
import would make them, so editors find them as synced translations and synchronized fields stay
in step with the Japanese page. A second run changes nothing: a target page is re-saved only when
its source or one of its strings changed.
"""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.models import Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.demo_utils import _comparable, ensure_object, ensure_page, load_demo_data
from tourism.models import (
    EventIndexPage,
    EventPage,
    OpenDataPage,
    PeonyBloomReport,
    SpotIndexPage,
    SpotPage,
    TourismTopPage,
)

logger = logging.getLogger(__name__)

# tourism/demo_data/*.yaml: every translatable text is {ja, en, zh-hans, zh-hant, ko}. The demo puts the
# Japanese text on the Japanese page and the others into wagtail-localize as translations of the same
# strings. Facts (addresses, hours, fees, coordinates) are the demo's best knowledge; 観光交流課 checks
# them before the site goes live.
GUIDE = load_demo_data(__file__, "guide")
CITY_ROOT = load_demo_data(__file__, "city_root")
SPOTS = load_demo_data(__file__, "spots")["spots"]
EVENTS = load_demo_data(__file__, "events")["events"]
BLOOM_REPORTS = load_demo_data(__file__, "bloom_reports")["bloom_reports"]

TARGET_LANGUAGES = [
    code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
]


def rich(text):
    return f"<p>{text}</p>"


def ja(value):
    return value["ja"] if isinstance(value, dict) else value


class Glossary:
    """Japanese source string -> its translations, collected from the demo content."""

    def __init__(self):
        self.strings = {}

    def add(self, value):
        if isinstance(value, dict):
            self.strings[value["ja"]] = value
        return ja(value)

    def lookup(self, text, language):
        entry = self.strings.get(text)
        return entry.get(language) if entry else None


def _time(value):
    """HH:MM of the data files (None when the spot or event has no time)."""
    return datetime.time.fromisoformat(value) if value is not None else None


def _spot_fields(spot, glossary):
    fields = {
        "title": glossary.add(spot["title"]),
        "reading": spot["reading"],
        "category": spot["category"],
        "featured": spot["featured"],
        "summary": glossary.add(spot["summary"]),
        "body": [("paragraph", rich(glossary.add(paragraph))) for paragraph in spot["body"]],
        "address": spot["address"],
        "address_note": spot.get("address_note", ""),
        "latitude": Decimal(spot["latitude"]),
        "longitude": Decimal(spot["longitude"]),
        "open_weekdays": spot.get("open_weekdays", ""),
        "opening_time": _time(spot.get("opening_time")),
        "closing_time": _time(spot.get("closing_time")),
        "fee_basic": spot.get("fee_basic"),
        "contact_phone": spot.get("contact_phone", ""),
        "official_url": spot.get("official_url", ""),
        "search_description": glossary.add(spot["summary"]),
    }
    for name in [
        "opening_hours",
        "closed_days",
        "fee_details",
        "access_from_station",
        "access_from_expressway",
        "parking",
        "barrier_free",
        "contact_name",
    ]:
        fields[name] = glossary.add(spot[name]) if name in spot else ""
    return fields


def _event_fields(event, glossary, spots):
    venue = spots[event["venue"]] if event.get("venue") else None
    fields = {
        "title": glossary.add(event["title"]),
        "reading": event["reading"],
        "summary": glossary.add(event["summary"]),
        "search_description": glossary.add(event["summary"]),
        "start_date": event["start_date"],
        "end_date": event.get("end_date"),
        "start_time": _time(event.get("start_time")),
        "end_time": _time(event.get("end_time")),
        "date_note": glossary.add(event.get("date_note", GUIDE["date_may_change"])),
        "venue_spot": venue,
        "venue_name": glossary.add(event["venue_name"]) if "venue_name" in event else "",
        "venue_address": event.get("venue_address", ""),
        "fee_basic": event.get("fee_basic"),
        "fee_details": glossary.add(event["fee_details"]) if "fee_details" in event else "",
        "organizer": glossary.add(event["organizer"]) if "organizer" in event else "",
        "how_to_apply": glossary.add(event["how_to_apply"]) if "how_to_apply" in event else "",
        "contact_name": glossary.add(event.get("contact_name", GUIDE["contact_tourism"])),
        "contact_phone": event.get("contact_phone", GUIDE["city_phone"]),
    }
    return fields


def seed_japanese(ctx, glossary):
    """The Japanese source pages; returns them in tree order (parents first)."""
    city_root = ctx.city_root
    top_data = GUIDE["tourism_top"]
    top = ensure_page(
        ctx,
        city_root,
        TourismTopPage,
        top_data["slug"],
        title=glossary.add(top_data["title"]),
        seo_title=glossary.add(top_data["seo_title"]),
        search_description=glossary.add(top_data["search_description"]),
        intro=rich(glossary.add(top_data["intro"])),
        show_in_menus=True,
    )
    spot_index = ensure_page(
        ctx,
        top,
        SpotIndexPage,
        GUIDE["spot_index"]["slug"],
        title=glossary.add(GUIDE["spot_index"]["title"]),
        intro=rich(glossary.add(GUIDE["spot_index"]["intro"])),
    )
    spots = {}
    for spot in SPOTS:
        spots[spot["slug"]] = ensure_page(
            ctx, spot_index, SpotPage, spot["slug"], **_spot_fields(spot, glossary)
        )
    event_index = ensure_page(
        ctx,
        top,
        EventIndexPage,
        GUIDE["event_index"]["slug"],
        title=glossary.add(GUIDE["event_index"]["title"]),
        intro=rich(glossary.add(GUIDE["event_index"]["intro"])),
    )
    events = [
        ensure_page(ctx, event_index, EventPage, event["slug"], **_event_fields(event, glossary, spots))
        for event in EVENTS
    ]
    highlights = [
        (
            "highlight",
            {
                "heading": glossary.add(item["heading"]),
                "text": glossary.add(item["text"]),
                "link": spots[item["link"]],
            },
        )
        for item in GUIDE["highlights"]
    ]
    top = ensure_page(ctx, city_root, TourismTopPage, top_data["slug"], highlights=highlights)
    opendata = ensure_page(
        ctx,
        city_root,
        OpenDataPage,
        GUIDE["open_data"]["slug"],
        title=glossary.add(GUIDE["open_data"]["title"]),
        intro=rich(glossary.add(GUIDE["open_data"]["intro"])),
        licence_note=rich(glossary.add(GUIDE["open_data"]["licence_note"])),
        show_in_menus=False,
    )
    return [top, spot_index, *spots.values(), event_index, *events, opendata]


def _ensure_strings(source, locale, glossary, slugs, strict):
    """StringTranslations for every segment of `source`; returns (changed, missing texts)."""
    changed = False
    missing = []
    existing = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        if segment.context.path == "slug":
            translated = slugs.get(locale.language_code, text)
        else:
            translated = glossary.lookup(text, locale.language_code)
        if translated is None:
            missing.append(text)
            continue
        current = existing.get((segment.string_id, segment.context_id))
        if current is None:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=translated,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            changed = True
        elif current.data != translated:
            current.data = translated
            current.save()
            changed = True
    if missing and strict:
        raise ValueError(f"{source.object_repr}: 翻訳がない文字列 {missing}")
    return changed, missing


def _is_current(source, target, locale, fallback):
    """True when saving the translation again would not change the target page.

    Comparing the target with the would-be translation (not the source's snapshot) keeps a second
    seed free of new revisions even when the source changed in ways that do not reach its
    translations, e.g. another app adding a child page to the city top.
    """
    would_be = source.get_ephemeral_translated_instance(locale, fallback=fallback)
    for translatable in get_translatable_fields(type(target)):
        try:
            model_field = target._meta.get_field(translatable.field_name)
        except FieldDoesNotExist:
            continue
        if not model_field.concrete or model_field.many_to_many:
            continue
        name = model_field.attname if model_field.many_to_one else model_field.name
        comparable_field = model_field if not model_field.many_to_one else models.IntegerField()
        if _comparable(comparable_field, getattr(would_be, name)) != _comparable(
            comparable_field, getattr(target, name)
        ):
            logger.info("%s (%s): %s differs", target, locale, name)
            return False
    return True


def translate(ctx, page, glossary, locales, slugs=None, strict=True):
    """Translate `page` into `locales` through wagtail-localize; returns the translated pages."""
    page = page.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translated_pages = []
    for locale in locales:
        Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
        # New or changed strings matter only when they change the page (compared below): another
        # app re-saving the city top gives its StreamField blocks new ids, hence new contexts.
        strings_changed, missing = _ensure_strings(source, locale, glossary, slugs or {}, strict)
        if missing:
            # Strings another app added to a page we translate (the city top): kept in Japanese.
            logger.info("%s (%s): untranslated strings kept in Japanese: %s", page, locale, missing)
            ctx.extra.setdefault("tourism_untranslated", set()).update(missing)
        target = page.get_translation_or_none(locale)
        if target is not None:
            target = target.specific
        if (
            target is None
            or not target.live
            or target.has_unpublished_changes
            or not _is_current(source, target, locale, fallback=not strict)
        ):
            logger.info(
                "%s (%s): missing %s, strings changed %s, live %s, unpublished changes %s",
                page,
                locale,
                target is None,
                strings_changed,
                getattr(target, "live", None),
                getattr(target, "has_unpublished_changes", None),
            )
            target, _ = source.create_or_update_translation(
                locale, publish=False, copy_parent_pages=False, fallback=not strict
            )
            # Published here, not on commit as wagtail-localize does, so that children can follow.
            target.get_latest_revision().publish()
            ctx.updated += 1
            logger.info("translated %s into %s", page, locale)
        translated_pages.append(target)
    return translated_pages


def seed_bloom(ctx):
    for report in BLOOM_REPORTS:
        ensure_object(
            ctx,
            PeonyBloomReport,
            {"observed_on": report["observed_on"], "status": report["status"]},
            comment=report["comment"],
        )


def seed(ctx):
    glossary = Glossary()
    for value in [*CITY_ROOT["city_root"].values(), *CITY_ROOT["city_root_parts"]]:
        glossary.add(value)
    pages = seed_japanese(ctx, glossary)
    locales = list(Locale.objects.filter(language_code__in=TARGET_LANGUAGES))
    locales.sort(key=lambda locale: TARGET_LANGUAGES.index(locale.language_code))

    # The city top in each language first: every translated page hangs below it. Strings that the
    # city site adds later and that have no translation here stay Japanese (logged), the guide does not.
    translate(ctx, ctx.city_root, glossary, locales, slugs=CITY_ROOT["city_root_slugs"], strict=False)
    for page in pages:
        translate(ctx, page, glossary, locales)
    seed_bloom(ctx)
    untranslated = ctx.extra.get("tourism_untranslated")
    if untranslated:
        ctx.log(
            f"観光ガイド：市のトップページの {len(untranslated)} 件の文字列は翻訳がないため日本語のままです。"
        )
    ctx.log(f"観光ガイド：スポット {len(SPOTS)} 件、イベント {len(EVENTS)} 件（{len(locales) + 1} 言語）")


def reset(ctx):
    """Bloom reports are not pages: remove those of the demo (pages go with the city root)."""
    for report in BLOOM_REPORTS:
        PeonyBloomReport.objects.filter(observed_on=report["observed_on"], status=report["status"]).delete()
