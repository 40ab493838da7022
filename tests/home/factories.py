import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cms.models import Department
from home.models import EmergencyNotice


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"テスト課{n}")
    section = "庶務係"
    phone = "0248-88-0000"
    email = "test@city.sukagawa.example"
    location = "市役所本庁舎1階"
    office_hours = "平日の午前8時30分から午後5時15分まで"


class LifeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "home.LifeEvent"

    name = factory.Sequence(lambda n: f"できごと{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")


class EmergencyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyNotice

    title = "大雨による避難指示"
    body = "<p>阿武隈川沿いの地区に避難指示を発令しました。</p>"
    level = EmergencyNotice.LEVEL_WARNING
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    ends_at = None


class CityHomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.CityHomePage"

    title = "須賀川市"
    slug = factory.Sequence(lambda n: f"city-{n}")


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.SectionPage"

    title = factory.Sequence(lambda n: f"分類{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    summary = "分類の説明です。"
    show_in_menus = True


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.ContentPage"

    title = factory.Sequence(lambda n: f"記事{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "記事の一行の説明です。"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>本文です。</p>"}])


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.NewsIndexPage"

    title = "お知らせ"
    slug = "oshirase"
    per_page = 10


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.NewsPage"

    title = factory.Sequence(lambda n: f"お知らせ{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300))
    category = "kurashi"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>お知らせの本文です。</p>"}])


class LifeEventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "home.LifeEventIndexPage"

    title = "くらしのできごと"
    slug = "dekigoto"
