"""The plan's indicators (第2次須賀川市ICT推進計画): definitions, baselines, targets and how each is computed.

Every figure is computed from what the CMS stores: daily page-view aggregates, the water
applications received online, the 電話・窓口 counts 経営課 records, the tourism guide's pages and,
when the bcp app is installed, its drill records. See docs/indicators.md for the definitions.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from indicators.fiscal import JST, fiscal_months, fiscal_year_bounds, fiscal_year_dates, jst_date


@dataclass(frozen=True)
class Measure:
    number: str
    title: str
    indicator: str
    division: str
    baseline: str
    target: str
    unit: str
    target_value: float | None = None


MEASURES = [
    Measure("5-3", "水道 web 受付手続きの導入", "オンライン申請受付数（年間開閉栓受付数に占める割合）", "経営課",
            "0％（0件／5,433件）", "10％", "％", 10),
    Measure("5-4", "水道事業ホームページの開設", "ホームページへのアクセス数（水道事業のサイト）", "経営課",
            "0件／年", "10,000件／年", "件", 10000),
    Measure("8-2", "観光客の受け入れ環境の整備", "観光ガイドブックの多言語化数（外国語）", "観光交流課",
            "1か国語", "4か国語", "か国語", 4),
    Measure("9-2", "ICT-BCP の適正な運用", "訓練の回数", "行政管理課", "0件／年", "1件／年", "件", 1),
    Measure("9-3", "ホームページの充実", "ホームページへのアクセス数（市のサイト）", "秘書広報課",
            "350万件／年", "400万件／年", "件", 4000000),
    Measure("9-12", "市公式LINEの利活用推進", "友だち登録者数", "秘書広報課",
            "2,528人（令和2年度末）", "10,000人（令和6年度末）", "人", 10000),
]
MEASURES_BY_NUMBER = {measure.number: measure for measure in MEASURES}
# How the plan and the city's reports name the guide's languages (settings name each in itself).
LANGUAGE_NAMES_JA = {"en": "英語", "zh-hans": "中国語（簡体字）", "zh-hant": "中国語（繁体字）", "ko": "韓国語"}


@dataclass
class IndicatorResult:
    measure: Measure
    year: int
    available: bool = True
    value: float | None = None
    value_text: str = ""
    note: str = ""
    # (year, month, value) for the twelve months of the 年度; empty when there is no monthly figure.
    months: list = field(default_factory=list)
    # Extra rows shown under the figure: (label, text).
    details: list = field(default_factory=list)

    @property
    def target_reached(self):
        target = self.measure.target_value
        return self.value is not None and target is not None and self.value >= target


def _month_key(value):
    return (value.year, value.month)


def _is_future(y, m):
    today = jst_date()
    return (y, m) > (today.year, today.month)


def _series(year, by_month):
    """(year, month, value) for the 年度; None for a month that has not begun (not a count of 0)."""
    return [(y, m, None if _is_future(y, m) else by_month.get((y, m), 0)) for y, m in fiscal_months(year)]


def _sum(months):
    return sum(value for _y, _m, value in months if value is not None)


def _period_note(year):
    start, end = fiscal_year_dates(year)
    today = jst_date()
    if start <= today < end:
        return f"{today.year}年{today.month}月{today.day}日までの値です（年度の途中）。"
    if today < start:
        return "この年度はまだ始まっていません。"
    return ""


def _format_count(value):
    return f"{int(value):,}件"


# --- 9-3 and 5-4: page views ----------------------------------------------------------------------


def page_views_by_month(year):
    """{"city": {(y, m): n}, "water": {(y, m): n}} for one 年度, in two queries."""
    from indicators.counting import water_site_ids
    from indicators.models import PageViewDaily

    water = water_site_ids()
    start, end = fiscal_year_dates(year)
    result = {"city": {}, "water": {}}
    rows = (
        PageViewDaily.objects.filter(date__gte=start, date__lt=end)
        .annotate(month=TruncMonth("date"))
        .values("site_id", "month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for row in rows:
        bucket = result["water" if row["site_id"] in water else "city"]
        key = _month_key(row["month"])
        bucket[key] = bucket.get(key, 0) + row["total"]
    return result


def _page_view_result(measure, year, by_month):
    months = _series(year, by_month)
    total = _sum(months)
    return IndicatorResult(
        measure, year, value=total, value_text=_format_count(total), note=_period_note(year), months=months
    )


# --- 5-3: online share of 開閉栓 ---------------------------------------------------------------------


def water_applications_by_month(year):
    """(online, offline) by month. Online: applications received on the web (use start or stop,
    not 名義変更, not cancelled), by received date in JST. Offline: 経営課's telephone and counter counts."""
    from indicators.models import WaterApplicationTally

    online = {}
    try:
        application = apps.get_model("water", "WaterApplication")
    except LookupError:
        application = None
    if application is not None:
        start, end = fiscal_year_bounds(year)
        rows = (
            application.objects.filter(
                application_type__in=["start", "stop"], received_at__gte=start, received_at__lt=end
            )
            .exclude(status="cancelled")
            .annotate(month=TruncMonth("received_at", tzinfo=JST))
            .values("month")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for row in rows:
            key = _month_key(row["month"])
            online[key] = online.get(key, 0) + row["total"]
    start_date, end_date = fiscal_year_dates(year)
    offline = {}
    rows = (
        WaterApplicationTally.objects.filter(date__gte=start_date, date__lt=end_date)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for row in rows:
        offline[_month_key(row["month"])] = row["total"]
    return online, offline


def online_share(online, offline):
    total = online + offline
    return round(online * 100 / total, 1) if total else None


def _water_application_result(measure, year):
    online, offline = water_applications_by_month(year)
    months = []
    for y, m in fiscal_months(year):
        share = online_share(online.get((y, m), 0), offline.get((y, m), 0))
        # No application in the month (or the month has not begun): no share, not 0 ％.
        months.append((y, m, share))
    online_total, offline_total = sum(online.values()), sum(offline.values())
    share = online_share(online_total, offline_total)
    result = IndicatorResult(measure, year, value=share, months=months, note=_period_note(year))
    result.value_text = (
        f"{share:.1f}％（{online_total:,}件／{online_total + offline_total:,}件）" if share is not None else "受付の記録がありません"
    )
    result.details = [
        ("オンライン申請", _format_count(online_total)),
        ("電話・窓口（経営課の記録）", _format_count(offline_total)),
        ("年間開閉栓受付数", _format_count(online_total + offline_total)),
    ]
    return result


# --- 8-2: languages of the tourism guide -------------------------------------------------------------


def guide_languages():
    """Per foreign language: (code, name, translated and live, total) for the guide's spots and events.

    The guide is the Japanese spot and event pages that are live; a language counts when every one
    of them has a live translation in that locale. Japanese is the original, not one of the
    多言語化数 (the plan's 外国語版観光ガイドブック: baseline 1, target 4 foreign languages).
    """
    from django.conf import settings
    from wagtail.models import Locale, Page

    try:
        models = [apps.get_model("tourism", "SpotPage"), apps.get_model("tourism", "EventPage")]
    except LookupError:
        return []
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source is None:
        return []
    keys = set()
    for model in models:
        keys.update(model.objects.filter(locale=source).live().values_list("translation_key", flat=True))
    names = {**dict(settings.WAGTAIL_CONTENT_LANGUAGES), **LANGUAGE_NAMES_JA}
    translated = dict(
        Page.objects.filter(translation_key__in=keys, live=True)
        .exclude(locale=source)
        .values("locale__language_code")
        .annotate(n=Count("translation_key", distinct=True))
        .order_by()  # Page's default ordering (path) would split the groups
        .values_list("locale__language_code", "n")
    ) if keys else {}
    return [
        (code, names[code], translated.get(code, 0), len(keys))
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def _guide_result(measure, year):
    languages = guide_languages()
    complete = [name for _code, name, done, total in languages if total and done == total]
    result = IndicatorResult(measure, year, value=len(complete), value_text=f"{len(complete)}か国語")
    result.note = (
        "ページの現在の公開状況から計算します（年度ごとの記録ではありません）。"
        "日本語の原文は数えません。"
    )
    result.details = [
        (name, f"{done}／{total}ページ" + ("（すべて公開）" if total and done == total else "（未完成）"))
        for _code, name, done, total in languages
    ]
    return result


# --- 9-2: BCP drills (bcp app, when installed) ---------------------------------------------------------


def _drill_result(measure, year):
    try:
        drill = apps.get_model("bcp", "BCPDrill")
    except LookupError:
        return IndicatorResult(
            measure, year, available=False, value_text="記録なし",
            note="訓練の記録の機能（bcp）が導入されていないため、計算できません。",
        )
    start, end = fiscal_year_bounds(year)
    rows = (
        drill.objects.filter(started_at__gte=start, started_at__lt=end)
        .annotate(month=TruncMonth("started_at", tzinfo=JST))
        .values("month", "result")
        .annotate(total=Count("pk"))
        .order_by()
    )
    by_month, succeeded = {}, 0
    for row in rows:
        key = _month_key(row["month"])
        by_month[key] = by_month.get(key, 0) + row["total"]
        if row["result"] == "success":
            succeeded += row["total"]
    months = _series(year, by_month)
    total = _sum(months)
    result = IndicatorResult(measure, year, value=total, value_text=f"{total}件", months=months, note=_period_note(year))
    result.details = [("実施した訓練", f"{total}件"), ("うち復旧に成功", f"{succeeded}件")]
    return result


# --- 9-12: 市公式LINEの友だち登録者数 (linepush app, when installed) ---------------------------------


def _line_followers_result(measure, year):
    """The latest stored figure of the 年度 (a count of people, not a sum), and each month's last."""
    try:
        follower_count = apps.get_model("linepush", "FollowerCount")
    except LookupError:
        return IndicatorResult(
            measure, year, available=False, value_text="記録なし",
            note="市公式LINEの機能（linepush）が導入されていないため、計算できません。",
        )
    start, end = fiscal_year_dates(year)
    rows = list(follower_count.objects.filter(date__gte=start, date__lt=end).order_by("date").values_list("date", "followers"))
    by_month = {}
    for day, followers in rows:
        by_month[_month_key(day)] = followers  # ordered by date: the month's last figure stays
    if not rows:
        return IndicatorResult(
            measure, year, value=None, value_text="記録なし", months=_series(year, by_month),
            note="この年度の友だち登録者数は、まだ記録されていません。",
        )
    last_day, last = rows[-1]
    result = IndicatorResult(
        measure, year, value=last, value_text=f"{last:,}人", months=_series(year, by_month),
        note=f"{last_day.year}年{last_day.month}月{last_day.day}日の値です（月ごとの値はその月の最後の記録）。",
    )
    result.details = [("基準値", measure.baseline), ("目標値", measure.target)]
    return result


def compute(year, numbers=None):
    """The indicators of one 年度, in the plan's order (only `numbers` when given)."""
    numbers = [m.number for m in MEASURES] if numbers is None else numbers
    results = []
    views = page_views_by_month(year) if {"9-3", "5-4"} & set(numbers) else None
    for measure in MEASURES:
        if measure.number not in numbers:
            continue
        if measure.number == "9-3":
            results.append(_page_view_result(measure, year, views["city"]))
        elif measure.number == "5-4":
            results.append(_page_view_result(measure, year, views["water"]))
        elif measure.number == "5-3":
            results.append(_water_application_result(measure, year))
        elif measure.number == "8-2":
            results.append(_guide_result(measure, year))
        elif measure.number == "9-2":
            results.append(_drill_result(measure, year))
        elif measure.number == "9-12":
            results.append(_line_followers_result(measure, year))
    return results
