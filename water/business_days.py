"""Business days of the 経営課: not Saturday, Sunday, national holidays, nor 12月29日〜1月3日."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

MIN_BUSINESS_DAYS_AHEAD = 3
MAX_DAYS_AHEAD = 60
OFFICE_OPENS = time(8, 30)
OFFICE_CLOSES = time(17, 15)


@lru_cache(maxsize=32)
def _japan_holidays(year):
    return holidays.Japan(years=year)


def is_year_end_closure(day):
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day):
    return day.weekday() < 5 and day not in _japan_holidays(day.year) and not is_year_end_closure(day)


def holiday_name(day):
    return _japan_holidays(day.year).get(day)


def add_business_days(day, count):
    """The `count`-th business day after `day` (`day` itself never counts)."""
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def earliest_preferred_date(today=None):
    return add_business_days(today or timezone.localdate(), MIN_BUSINESS_DAYS_AHEAD)


def latest_preferred_date(today=None):
    return (today or timezone.localdate()) + timedelta(days=MAX_DAYS_AHEAD)


def is_office_open(moment=None):
    local = timezone.localtime(moment or timezone.now())
    return is_business_day(local.date()) and OFFICE_OPENS <= local.time() < OFFICE_CLOSES


def next_office_opening(moment=None):
    """When staff will next look at an application sent at `moment` (now if open)."""
    local = timezone.localtime(moment or timezone.now())
    if is_office_open(local):
        return local
    day = local.date()
    if not (is_business_day(day) and local.time() < OFFICE_OPENS):
        day = add_business_days(day, 1)
    return timezone.make_aware(datetime.combine(day, OFFICE_OPENS), timezone.get_current_timezone())


def describe_day(day: date):
    return f"{day.year}年{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"


CLOSED_DAYS_TEXT = "土曜日・日曜日・祝日と12月29日から1月3日"


def advance_notice_text():
    """How early to apply, in words, from the rule the form enforces (MIN_BUSINESS_DAYS_AHEAD).

    Pages and FAQ answers use this instead of writing 「3日前まで」 by hand, which would not match
    a form that counts office days only.
    """
    return f"{MIN_BUSINESS_DAYS_AHEAD}開庁日前まで（{CLOSED_DAYS_TEXT}は数えません）"


def earliest_day_text():
    return f"申込みの日から{MIN_BUSINESS_DAYS_AHEAD}開庁日目以降"
