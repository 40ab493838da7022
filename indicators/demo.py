"""Demo figures for the report 「計画の指標」. ALL FIGURES HERE ARE INVENTED FOR THE DEMO (デモ用の架空の値).

- Page views: generated daily aggregates for the past months (about 9,500 a day on the city site,
  about 35 on the water site, more on weekdays), spread over a few real pages of the demo.
- 電話・窓口の開閉栓受付: generated counts per working day.
- Online applications: statistics-only rows, as the purge leaves them (no personal data at all).

A second run adds nothing: days that already have figures are left alone. Reproducible (seeded).
"""

import datetime
import random

from django.db.models import Q
from wagtail.models import Page, Site

from indicators.fiscal import JST, jst_date
from indicators.models import PageViewDaily, WaterApplicationTally
from indicators.permissions import ensure_indicator_permissions

DEMO_MONTHS = 8
CITY_DAILY, WATER_DAILY = 9500, 35


def _days():
    today = jst_date()
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (DEMO_MONTHS - 1))).replace(day=1)
    day = first
    while day < today:
        yield day
        day += datetime.timedelta(days=1)


def _pages(site, limit=6):
    root = site.root_page
    pages = [root] + list(Page.objects.child_of(root).live().order_by("path")[: limit - 1])
    return [(page, page.get_url_parts()[2] or "/") for page in pages]


def _seed_page_views(rng, site, daily, days):
    if site is None:
        return 0
    pages = _pages(site)
    weights = [40, 15, 12, 10, 8, 6][: len(pages)]
    existing = set(PageViewDaily.objects.filter(site=site).values_list("date", flat=True))
    rows = []
    for day in days:
        if day in existing:
            continue
        total = daily * (1.15 if day.weekday() < 5 else 0.7) * rng.uniform(0.85, 1.15)
        for (page, path), weight in zip(pages, weights, strict=False):
            rows.append(
                PageViewDaily(site=site, page=page, path=path, date=day, count=int(total * weight / sum(weights)))
            )
    PageViewDaily.objects.bulk_create(rows)
    return len(rows)


def _seed_water_applications(rng, days):
    from django.apps import apps

    try:
        application = apps.get_model("water", "WaterApplication")
    except LookupError:
        return 0
    tallied = set(WaterApplicationTally.objects.values_list("date", flat=True))
    tallies, online = [], []
    for day in days:
        if day.weekday() >= 5 or day in tallied:
            continue
        for kind in ("start", "stop"):
            tallies.append(WaterApplicationTally(date=day, kind=kind, channel="phone", count=rng.randint(7, 11)))
            tallies.append(WaterApplicationTally(date=day, kind=kind, channel="counter", count=rng.randint(1, 4)))
            for number in range(rng.randint(0, 3)):
                moment = datetime.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=JST)
                online.append(
                    application(
                        reception_number=f"W-{day:%Y%m%d}-9{'1' if kind == 'start' else '2'}{number:02d}",
                        received_at=moment,
                        application_type=kind,
                        status="completed",
                        preferred_date=day,
                        closed_at=moment,
                        anonymized_at=moment,
                    )
                )
    WaterApplicationTally.objects.bulk_create(tallies)
    numbers = {a.reception_number for a in online}
    taken = set(application.objects.filter(reception_number__in=numbers).values_list("reception_number", flat=True))
    application.objects.bulk_create([a for a in online if a.reception_number not in taken])
    return len(tallies)


def seed(ctx):
    ensure_indicator_permissions(create_groups=True)
    rng = random.Random(17)
    days = list(_days())
    city = ctx.city_site or Site.objects.filter(is_default_site=True).first()
    water = ctx.water_site or Site.objects.filter(~Q(pk=getattr(city, "pk", None)), root_page__content_type__app_label="water").first()
    views = _seed_page_views(rng, city, CITY_DAILY, days) + _seed_page_views(rng, water, WATER_DAILY, days)
    tallies = _seed_water_applications(rng, days)
    ctx.created += views + tallies
    ctx.stdout.write(f"計画の指標：デモ用の架空の閲覧数 {views} 行、電話・窓口の受付 {tallies} 行を作成しました。")
