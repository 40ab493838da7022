from datetime import timedelta
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from water.models import ApplicationStatus, ApplicationType


class WaterHomePageFactory(wagtail_factories.PageFactory):
    title = "須賀川市 水道事業"
    slug = "suido"
    emergency_phone = "0248-88-9157"

    class Meta:
        model = "water.WaterHomePage"


class WaterApplicationPageFactory(wagtail_factories.PageFactory):
    title = "水道の使用開始・中止の申込み"
    slug = "apply"

    class Meta:
        model = "water.WaterApplicationPage"


class WaterOutageNoticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "断水・濁水・工事のお知らせ"
    slug = "dansui"

    class Meta:
        model = "water.WaterOutageNoticeIndexPage"


class WaterOutageNoticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"配水管工事のお知らせ{n}")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    area = "大町の一部"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=5))
    reason = "construction"

    class Meta:
        model = "water.WaterOutageNoticePage"


class WaterRatePageFactory(wagtail_factories.PageFactory):
    title = "水道料金・下水道使用料"
    slug = "ryokin"
    tax_rate = Decimal("10.0")
    sewerage_basic_charge = Decimal("2200")

    class Meta:
        model = "water.WaterRatePage"


class WaterQualityPageFactory(wagtail_factories.PageFactory):
    title = "水質検査の結果"
    slug = "suishitsu"

    class Meta:
        model = "water.WaterQualityPage"


class WaterQualityItemFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"検査項目{n}")
    unit = "度"
    standard_text = "2以下"
    standard_max = Decimal("2")

    class Meta:
        model = "water.WaterQualityItem"
        django_get_or_create = ("name",)


class WaterQualitySamplingPointFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"採水地点{n}")

    class Meta:
        model = "water.WaterQualitySamplingPoint"
        django_get_or_create = ("name",)


class WaterQualityResultFactory(factory.django.DjangoModelFactory):
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    sampling_point = factory.SubFactory(WaterQualitySamplingPointFactory)
    item = factory.SubFactory(WaterQualityItemFactory)
    value = "0.5"

    class Meta:
        model = "water.WaterQualityResult"


class WaterApplicationFactory(factory.django.DjangoModelFactory):
    reception_number = factory.Sequence(lambda n: f"W-20261124-{n + 1:04d}")
    application_type = ApplicationType.START
    status = ApplicationStatus.RECEIVED
    address = "須賀川市八幡町135"
    customer_number = "1234567890"
    name = "須賀川 太郎"
    name_kana = "スカガワ タロウ"
    phone = "0248751111"
    email = "taro@example.jp"
    preferred_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    note = "メーターは玄関の左です"

    class Meta:
        model = "water.WaterApplication"
