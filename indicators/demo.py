"""Demo figures for the report 「計画の指標」. ALL FIGURES HERE ARE INVENTED FOR THE DEMO (デモ用の架空の値).

They cover the previous 年度 in full and the current one up to yesterday (JST), so that the report
shows a finished year next to the one in progress:

- Page views: daily aggregates spread over a few real pages of each demo Site. The city site grows
  from about 3.7 million views a year (baseline of the plan: 350万件) towards the target of 400万件; the
  water site from about 9,500 to about 12,000 a year (target 10,000). Weekends, national holidays and
  12月29日〜1月3日 are quieter, April and March (転入・転出の季節) busier.
- 電話・窓口の開閉栓受付: counts per business day of 経営課, about 5,500 a year as in the plan's baseline
  (5,433件), twice as many in March and April.
- Online applications: statistics-only rows as the purge leaves them (受付番号・種類・日時・状態, no
  personal data at all), received on any day, their share rising from about 5 % to about 11 %.

Each day's figures come from a generator seeded with the day itself, so they are the same whenever
and however often seed_demo runs; a day that already has figures is left alone, so a second run adds
nothing and real counts (a beacon hit while trying the demo) are never overwritten.
"""

import datetime
import math
import random

import holidays
from django.db.models import Q
from wagtail.models import Page, Site

from indicators.fiscal import JST, current_fiscal_year, fiscal_year_dates, jst_date
from indicators.models import ApplicationChannel, ApplicationKind, PageViewDaily, WaterApplicationTally
from indicators.permissions import ensure_indicator_permissions

# Views per day at the start of the previous 年度 and at the end of the current one (linear between).
CITY_DAILY = (9_700, 10_900)
WATER_DAILY = (24, 36)
PAGE_WEIGHTS = [40, 15, 12, 10, 8, 6]  # the top page first, then its first children
PAGE_VIEW_SEASON = {4: 1.12, 5: 1.04, 8: 0.92, 12: 0.95, 3: 1.08}
# 開閉栓 by telephone and at the counter, per business day and kind (start, stop); online per day and kind.
PHONE_PER_DAY, COUNTER_PER_DAY = (6, 10), (1, 3)
ONLINE_PER_DAY = (0.25, 1.1)
MOVING_SEASON = {3: 1.9, 4: 1.6, 5: 1.05}
# Demo 受付番号 are W-YYYYMMDD-9KNN (K: 1 start, 2 stop): far above any day's real sequence.
DEMO_NUMBER = "W-{day:%Y%m%d}-9{kind}{index:02d}"


def _period():
    """First and last day of the demo figures: the previous 年度's 4月1日 to yesterday (JST)."""
    first, _ = fiscal_year_dates(current_fiscal_year() - 1)
    _, end = fiscal_year_dates(current_fiscal_year())
    return first, jst_date() - datetime.timedelta(days=1), end


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _rng(purpose, day):
    # Seeded with the day (a str seed is hashed with SHA-512: stable across runs and machines).
    return random.Random(f"indicators-demo:{purpose}:{day.isoformat()}")


def _level(bounds, day, first, end):
    """Linear growth over the two 年度 of the demo."""
    start, stop = bounds
    return start + (stop - start) * (day - first).days / max((end - first).days, 1)


def _is_quiet(day, japan):
    year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    return day.weekday() >= 5 or day in japan or year_end


def _poisson(rng, mean):
    # Knuth's method: fine for the small means of a day's online applications.
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _pages(site):
    root = site.root_page
    pages = [root] + list(Page.objects.child_of(root).live().order_by("path")[: len(PAGE_WEIGHTS) - 1])
    return [(page, page.get_url_parts()[2] or "/") for page in pages]


def _seed_page_views(site, daily, period, japan):
    if site is None:
        return 0
    first, last, end = period
    pages = _pages(site)
    weights = PAGE_WEIGHTS[: len(pages)]
    existing = set(PageViewDaily.objects.filter(site=site).values_list("date", flat=True))
    rows = []
    for day in _days(first, last):
        if day in existing:
            continue
        rng = _rng(f"views-{site.hostname}", day)
        total = (
            _level(daily, day, first, end)
            * (0.7 if _is_quiet(day, japan) else 1.12)
            * PAGE_VIEW_SEASON.get(day.month, 1.0)
            * rng.uniform(0.88, 1.12)
        )
        for (page, path), weight in zip(pages, weights, strict=False):
            rows.append(
                PageViewDaily(site=site, page=page, path=path, date=day, count=round(total * weight / sum(weights)))
            )
    PageViewDaily.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _seed_tallies(period, japan):
    first, last, _end = period
    tallied = set(WaterApplicationTally.objects.values_list("date", flat=True))
    rows = []
    for day in _days(first, last):
        if _is_quiet(day, japan) or day in tallied:
            continue
        rng, season = _rng("tallies", day), MOVING_SEASON.get(day.month, 1.0)
        for kind in ApplicationKind.values:
            for channel, (low, high) in (
                (ApplicationChannel.PHONE, PHONE_PER_DAY),
                (ApplicationChannel.COUNTER, COUNTER_PER_DAY),
            ):
                count = round(rng.uniform(low, high) * season)
                if count:
                    rows.append(WaterApplicationTally(date=day, kind=kind, channel=channel, count=count))
    WaterApplicationTally.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _seed_online_applications(period):
    """Purged online applications: nothing but 受付番号, type, dates and status."""
    from django.apps import apps

    try:
        application = apps.get_model("water", "WaterApplication")
    except LookupError:
        return 0
    first, last, end = period
    seeded_days = {
        number[2:10]
        for number in application.objects.filter(
            reception_number__regex=r"^W-[0-9]{8}-9[12][0-9]{2}$"
        ).values_list("reception_number", flat=True)
    }
    rows = []
    for day in _days(first, last):
        if f"{day:%Y%m%d}" in seeded_days:
            continue
        rng = _rng("online", day)
        mean = _level(ONLINE_PER_DAY, day, first, end) * MOVING_SEASON.get(day.month, 1.0)
        for kind_digit, kind in ((1, ApplicationKind.START), (2, ApplicationKind.STOP)):
            for index in range(_poisson(rng, mean)):
                moment = datetime.datetime(
                    day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=JST
                )
                rows.append(
                    application(
                        reception_number=DEMO_NUMBER.format(day=day, kind=kind_digit, index=index),
                        received_at=moment,
                        application_type=kind,
                        status="completed",
                        preferred_date=day,
                        closed_at=moment,
                        anonymized_at=moment,
                    )
                )
    application.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def seed(ctx):
    ensure_indicator_permissions(create_groups=True)
    period = _period()
    japan = holidays.Japan(years=range(period[0].year, period[1].year + 1))
    city = ctx.city_site or Site.objects.filter(is_default_site=True).first()
    water = ctx.water_site or Site.objects.filter(
        ~Q(pk=getattr(city, "pk", None)), root_page__content_type__app_label="water"
    ).first()
    views = _seed_page_views(city, CITY_DAILY, period, japan) + _seed_page_views(water, WATER_DAILY, period, japan)
    tallies = _seed_tallies(period, japan)
    online = _seed_online_applications(period)
    ctx.created += views + tallies + online
    ctx.stdout.write(
        f"計画の指標：デモ用の架空の閲覧数 {views} 行、電話・窓口の受付 {tallies} 行、"
        f"個人情報を削除済みのオンライン申請 {online} 件を作成しました。"
    )
