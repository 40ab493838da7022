"""年度 (April to March) in JST, and how the city writes it (令和N年度)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

JST = ZoneInfo("Asia/Tokyo")


def jst_date(moment=None):
    """The calendar date in Japan of an aware datetime (now by default), whatever TIME_ZONE says."""
    return timezone.localtime(moment or timezone.now(), JST).date()


def fiscal_year_of(day):
    """年度 of a date: 2027年3月31日 belongs to 2026年度, 2027年4月1日 to 2027年度."""
    return day.year if day.month >= 4 else day.year - 1


def current_fiscal_year():
    return fiscal_year_of(jst_date())


def fiscal_year_dates(year):
    """[first day, first day of the next 年度) as dates."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 4, 1)


def fiscal_year_bounds(year):
    """[start, end) as aware datetimes at midnight JST."""
    start, end = fiscal_year_dates(year)
    return (
        datetime.datetime(start.year, start.month, start.day, tzinfo=JST),
        datetime.datetime(end.year, end.month, end.day, tzinfo=JST),
    )


def fiscal_months(year):
    """The twelve months of a 年度 as (year, month): April to the next March."""
    return [(year, month) for month in range(4, 13)] + [(year + 1, month) for month in range(1, 4)]


def wareki_fiscal_year(year):
    """令和N年度 (令和元年度 = 2019年度). Years before 令和 are written in 西暦."""
    number = year - 2018
    if number < 1:
        return f"{year}年度"
    return f"令和{'元' if number == 1 else number}年度"
