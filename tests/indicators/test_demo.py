"""The demo figures of 「計画の指標」 (indicators.demo, run by seed_demo): believable, repeatable, anonymous."""

import datetime
import io
from unittest import mock

import pytest
from django.db.models import Sum

from cms.demo_utils import DemoContext
from indicators import demo
from indicators.measures import compute
from indicators.models import PageViewDaily, WaterApplicationTally
from water.models import WaterApplication, WaterApplicationStatusChange

pytestmark = pytest.mark.django_db
# 2026年5月10日 10:00 JST: the demo covers 令和7年度 in full and 令和8年度 up to 5月9日.
NOW = datetime.datetime(2026, 5, 10, 1, 0, tzinfo=datetime.UTC)


def seed(city_home, water_home):
    ctx = DemoContext(
        stdout=io.StringIO(),
        city_site=city_home.sites_rooted_here.get(),
        water_site=water_home.sites_rooted_here.get(),
    )
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        demo.seed(ctx)
    return ctx


def stored():
    return (
        list(PageViewDaily.objects.order_by("site_id", "date").values_list("site_id", "date", "count")),
        list(WaterApplicationTally.objects.order_by("date", "kind", "channel").values_list("date", "kind", "channel", "count")),
        list(WaterApplication.objects.order_by("reception_number").values_list("reception_number", "received_at")),
    )


def test_a_second_run_adds_nothing(city_home, water_home):
    first = seed(city_home, water_home)
    before = stored()
    second = seed(city_home, water_home)

    assert first.created > 0 and second.created == 0
    assert stored() == before


def test_the_figures_are_the_same_whenever_the_demo_is_seeded(city_home, water_home):
    seed(city_home, water_home)
    before = stored()
    PageViewDaily.objects.all().delete()
    WaterApplicationTally.objects.all().delete()
    WaterApplication.objects.all().delete()

    seed(city_home, water_home)

    assert stored() == before


def test_the_demo_covers_the_last_fiscal_year_and_this_one_up_to_yesterday(city_home, water_home):
    seed(city_home, water_home)
    days = PageViewDaily.objects.values_list("date", flat=True)
    assert min(days) == datetime.date(2025, 4, 1) and max(days) == datetime.date(2026, 5, 9)
    assert not WaterApplicationTally.objects.filter(date__in=[datetime.date(2025, 5, 3), datetime.date(2026, 1, 2)]).exists()


def test_online_applications_of_the_demo_hold_no_personal_data(city_home, water_home):
    seed(city_home, water_home)
    applications = WaterApplication.objects.all()
    assert applications.count() > 100
    for field in WaterApplication.PERSONAL_FIELDS:
        assert not applications.exclude(**{field: ""}).exists(), field
    assert not applications.filter(anonymized_at__isnull=True).exists()
    assert not applications.filter(submission_token__isnull=False).exists()
    assert not WaterApplicationStatusChange.objects.exists()


def test_real_counts_on_a_demo_day_are_kept(city_home, water_home):
    site = city_home.sites_rooted_here.get()
    PageViewDaily.objects.create(site=site, page=city_home, path="/", date=datetime.date(2026, 5, 1), count=7)
    seed(city_home, water_home)
    assert PageViewDaily.objects.get(page=city_home, date=datetime.date(2026, 5, 1)).count == 7


def test_the_finished_fiscal_year_reads_like_the_citys_plan(city_home, water_home):
    seed(city_home, water_home)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        results = {result.measure.number: result for result in compute(2025)}

    # 9-3: baseline 350万件, target 400万件 a year; 5-4: target 10,000件 for the new water site.
    assert 3_500_000 < results["9-3"].value < 4_000_000
    assert 8_000 < results["5-4"].value < 10_000
    assert all(value > 0 for _y, _m, value in results["9-3"].months)
    # 5-3: about as many 開閉栓 as the baseline (5,433件), a small but real online share.
    offline = WaterApplicationTally.objects.filter(date__lt=datetime.date(2026, 4, 1)).aggregate(n=Sum("count"))["n"]
    assert 5_000 < offline < 6_500
    assert 3 < results["5-3"].value < 10
