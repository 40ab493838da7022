"""Demo content of the water-utility site: pages, three notices, a sample rate table, twelve months of
water-quality results and the 経営課 group. Idempotent: a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cms.demo_utils import assign_if_changed, ensure_object, ensure_page, load_demo_data, stream_data
from water.models import (
    SewerageVolumeTier,
    WaterApplicationPage,
    WaterHomePage,
    WaterMeterBasicCharge,
    WaterNewsIndexPage,
    WaterNewsPage,
    WaterOutageNoticeIndexPage,
    WaterOutageNoticePage,
    WaterQualityItem,
    WaterQualityPage,
    WaterQualityResult,
    WaterQualitySamplingPoint,
    WaterRatePage,
    WaterStandardPage,
    WaterVolumeTier,
)
from water.permissions import ensure_staff_group

# water/demo_data/site.yaml. The intro of the water top is cms.demo's (it creates the water root); this
# app adds the emergency contact.
DATA = load_demo_data(__file__, "site")
HOME = DATA["home"]
PAGES = DATA["pages"]
NEWS = DATA["news"]
NOTICE_TEXT = DATA["outage_notices"]
QUALITY_ITEMS = DATA["quality"]["items"]
SAMPLING_POINTS = DATA["quality"]["sampling_points"]

# --- 料金（見本） --------------------------------------------------------------------------------------
# Plausible values for a Japanese city of 75,000 people, per two months and before tax. NOT the
# city's real tariff: the page says so (is_sample) until staff enter the real one.
RATES = DATA["rates"]


def _tier(row):
    return (row["lower_m3"], row["upper_m3"], Decimal(row["price_per_m3"]))


def _ensure_rate_rows(page):
    """Rows of the rate table, replaced only when they differ (so a second run saves nothing)."""
    wanted_basic = [(row["diameter_mm"], Decimal(row["basic_charge"])) for row in RATES["basic_charges"]]
    wanted_tiers = [_tier(row) for row in RATES["volume_tiers"]]
    wanted_sewer = [_tier(row) for row in RATES["sewerage_tiers"]]
    current_basic = [(r.diameter_mm, r.basic_charge) for r in page.basic_charges.all()]
    current_tiers = [(r.lower_m3, r.upper_m3, r.price_per_m3) for r in page.volume_tiers.all()]
    current_sewer = [(r.lower_m3, r.upper_m3, r.price_per_m3) for r in page.sewerage_tiers.all()]
    if (current_basic, current_tiers, current_sewer) == (wanted_basic, wanted_tiers, wanted_sewer):
        return False
    page.basic_charges = [WaterMeterBasicCharge(diameter_mm=d, basic_charge=c) for d, c in wanted_basic]
    page.volume_tiers = [
        WaterVolumeTier(lower_m3=lo, upper_m3=up, price_per_m3=p) for lo, up, p in wanted_tiers
    ]
    page.sewerage_tiers = [
        SewerageVolumeTier(lower_m3=lo, upper_m3=up, price_per_m3=p) for lo, up, p in wanted_sewer
    ]
    page.save_revision().publish()
    return True


# --- 断水・濁水・工事のお知らせ ------------------------------------------------------------------------------


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_current_timezone())


def _notice_times(today):
    """Times of the three demo notices relative to `today`: one in progress, one planned, one ended."""
    return {
        "haisuikan-koji-omachi": (
            _at(today - timedelta(days=7), 8, 30),
            _at(today + timedelta(days=21), 17, 0),
        ),
        "dansui-miyasaki": (_at(today + timedelta(days=10), 9, 0), _at(today + timedelta(days=10), 15, 0)),
        "rosui-shufuku-hachiman": (
            _at(today - timedelta(days=20), 10, 0),
            _at(today - timedelta(days=20), 14, 30),
        ),
    }


def _ensure_notices(ctx, index):
    """Dates are set when a notice is created; a later run moves them only when the notice's status
    has drifted from what the demo needs (the demo database is older than the notice), so an
    immediate second run changes nothing."""
    now = timezone.now()
    times = _notice_times(timezone.localdate(now))
    for slug, text in NOTICE_TEXT.items():
        fields = {k: v for k, v in text.items() if k != "expected"}
        existing = WaterOutageNoticePage.objects.child_of(index).filter(slug=slug).first()
        if existing is None or existing.status(now) != text["expected"]:
            fields["starts_at"], fields["ends_at"] = times[slug]
        fields["details"] = stream_data(fields["details"], key=slug)
        ensure_page(ctx, index, WaterOutageNoticePage, slug, **fields)


# --- 水質（12か月） -------------------------------------------------------------------------------------


def _quality_value(item_index, point_index, month):
    """Plausible, varied and reproducible results (the same every run)."""
    seed = (month.month * 7 + point_index * 3 + item_index) % 10
    summer = month.month in (6, 7, 8, 9)
    if item_index == 0:
        return str(seed % 3)
    if item_index == 1:
        return "検出されず"
    if item_index == 2:
        return f"{Decimal('0.30') + Decimal(seed) / 50 - (Decimal('0.08') if summer else 0):.2f}"
    if item_index == 3:
        return "0.1未満" if seed % 4 else "0.1"
    if item_index == 4:
        return "1未満" if seed % 3 else "1"
    return f"{Decimal('7.1') + Decimal(seed % 5) / 10:.1f}"


def _ensure_quality(ctx):
    items = []
    for order, item in enumerate(QUALITY_ITEMS, start=1):
        minimum, maximum = item["standard_min"], item["standard_max"]
        items.append(
            ensure_object(
                ctx,
                WaterQualityItem,
                {"name": item["name"]},
                unit=item["unit"],
                standard_text=item["standard_text"],
                standard_min=Decimal(minimum) if minimum else None,
                standard_max=Decimal(maximum) if maximum else None,
                must_not_be_detected=item["must_not_be_detected"],
                sort_order=order,
            )
        )
    points = [
        ensure_object(
            ctx,
            WaterQualitySamplingPoint,
            {"name": point["name"]},
            description=point["description"],
            sort_order=order,
        )
        for order, point in enumerate(SAMPLING_POINTS, start=1)
    ]
    # The twelve months before the current one, counted from a fixed anchor on a first run and kept
    # on later runs (months already present are not moved).
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    months = []
    for _ in range(12):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    if WaterQualityResult.objects.exists():
        return
    for month in months:
        for pi, point in enumerate(points):
            for ii, item in enumerate(items):
                WaterQualityResult(
                    month=month, sampling_point=point, item=item, value=_quality_value(ii, pi, month)
                ).save()
                ctx.created += 1


def seed(ctx):
    root = ctx.water_root
    if not isinstance(root, WaterHomePage):
        return
    ensure_staff_group()
    _ensure_home(ctx, root)

    news_index = ensure_page(
        ctx, root, WaterNewsIndexPage, "oshirase", show_in_menus=True, **PAGES["oshirase"]
    )
    for item in NEWS:
        ensure_page(
            ctx,
            news_index,
            WaterNewsPage,
            item["slug"],
            title=item["title"],
            date=item["date"],
            body=stream_data(item["body"], key=item["slug"]),
        )

    outage_index = ensure_page(
        ctx, root, WaterOutageNoticeIndexPage, "dansui", show_in_menus=True, **PAGES["dansui"]
    )
    _ensure_notices(ctx, outage_index)

    rate_page = ensure_page(
        ctx,
        root,
        WaterRatePage,
        "ryokin",
        show_in_menus=True,
        is_sample=True,
        billing_period_months=2,
        tax_rate=Decimal("10.0"),
        sewerage_basic_charge=Decimal(RATES["sewerage_basic_charge"]),
        **PAGES["ryokin"],
    )
    if _ensure_rate_rows(rate_page):
        ctx.updated += 1

    _ensure_quality(ctx)
    ensure_page(ctx, root, WaterQualityPage, "suishitsu", show_in_menus=True, **PAGES["suishitsu"])

    privacy_text = PAGES["kojinjoho"]
    privacy = ensure_page(
        ctx,
        root,
        WaterStandardPage,
        "kojinjoho",
        title=privacy_text["title"],
        body=stream_data(privacy_text["body"], key="kojinjoho"),
    )
    ensure_page(
        ctx,
        root,
        WaterApplicationPage,
        "apply",
        show_in_menus=True,
        privacy_page=privacy,
        **PAGES["apply"],
    )


def _ensure_home(ctx, root):
    if assign_if_changed(root, HOME):
        root.save_revision().publish()
        ctx.updated += 1


def reset(ctx):
    """Data rows of the demo (pages go with the water root, removed by cms.demo)."""
    WaterQualityResult.objects.all().delete()
    WaterQualityItem.objects.all().delete()
    WaterQualitySamplingPoint.objects.all().delete()
