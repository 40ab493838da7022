"""Factories of the tourism guide: Japanese pages and their wagtail-localize translations."""

import datetime
import io
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Locale

from cms.demo_utils import DemoContext
from tourism.demo import Glossary, translate

LANGUAGES = ["en", "zh-hans", "zh-hant", "ko"]


def T(ja, en, zh_hans=None, zh_hant=None, ko=None):  # noqa: N802
    return {"ja": ja, "en": en, "zh-hans": zh_hans or en, "zh-hant": zh_hant or en, "ko": ko or en}


class TourismTopPageFactory(wagtail_factories.PageFactory):
    title = "観光ガイド"
    slug = "kanko"
    intro = "<p>須賀川市の観光案内です。</p>"

    class Meta:
        model = "tourism.TourismTopPage"


class SpotIndexPageFactory(wagtail_factories.PageFactory):
    title = "観光スポット"
    slug = "spots"

    class Meta:
        model = "tourism.SpotIndexPage"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "イベント"
    slug = "events"

    class Meta:
        model = "tourism.EventIndexPage"


class SpotPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"観光スポット{n}")
    slug = factory.Sequence(lambda n: f"spot-{n}")
    reading = "カンコウスポット"
    category = "nature"
    featured = True
    summary = "須賀川市の観光スポットです。"
    address = "福島県須賀川市八幡町135"
    latitude = Decimal("37.286400")
    longitude = Decimal("140.372800")
    fee_basic = 0
    contact_phone = "0248-75-1111"

    class Meta:
        model = "tourism.SpotPage"


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"イベント{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "須賀川市のイベントです。"
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))

    class Meta:
        model = "tourism.EventPage"


class PeonyBloomReportFactory(factory.django.DjangoModelFactory):
    status = "full"
    observed_on = factory.LazyFunction(datetime.date.today)
    comment = "園内全体が見頃です。"

    class Meta:
        model = "tourism.PeonyBloomReport"


def demo_context():
    return DemoContext(stdout=io.StringIO())


def city_site():
    """Locales, both Sites and the Japanese city top page, as cms.demo makes them."""
    import cms.demo

    ctx = demo_context()
    cms.demo.seed(ctx)
    return ctx


def translate_into(ctx, pages, strings, languages=LANGUAGES, root_slugs=None):
    """Translate `pages` (parents first, the city top included when needed) with wagtail-localize."""
    glossary = Glossary()
    for value in strings:
        glossary.add(value)
    locales = [Locale.objects.get(language_code=code) for code in languages]
    translated = {}
    for page in pages:
        slugs = root_slugs if page.depth == 2 else None
        translated[page.pk] = translate(ctx, page, glossary, locales, slugs=slugs, strict=page.depth != 2)
    return translated


ROOT_SLUGS = {code: f"sukagawa-{code}" for code in LANGUAGES}


class OpenDataPageFactory(wagtail_factories.PageFactory):
    title = "オープンデータ"
    slug = "opendata"

    class Meta:
        model = "tourism.OpenDataPage"
