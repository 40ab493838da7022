from datetime import date

import pytest

from water.business_days import (
    add_business_days,
    earliest_preferred_date,
    is_business_day,
    is_office_open,
    latest_preferred_date,
    next_office_opening,
)
from water.forms import WaterApplicationForm

from .conftest import valid_data


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 20), True),  # Friday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 11, 23), False),  # 勤労感謝の日 (Monday)
        (date(2026, 12, 28), True),  # last working day of the year
        (date(2026, 12, 29), False),  # 年末年始
        (date(2026, 12, 31), False),
        (date(2027, 1, 1), False),  # 元日
        (date(2027, 1, 3), False),
        (date(2027, 1, 4), True),  # first working day of the year
        (date(2027, 1, 11), False),  # 成人の日
    ],
)
def test_business_days_skip_weekends_holidays_and_new_year(day, expected):
    assert is_business_day(day) is expected


def test_three_business_days_over_a_holiday_weekend():
    # Friday → (Sat, Sun, Mon holiday skipped) Tue, Wed, Thu.
    assert add_business_days(date(2026, 11, 20), 3) == date(2026, 11, 26)


def test_three_business_days_over_new_year():
    # Friday 12/25 → Mon 12/28, then 12/29–1/3 closed → Mon 1/4, Tue 1/5.
    assert earliest_preferred_date(date(2026, 12, 25)) == date(2027, 1, 5)


def test_latest_preferred_date_is_sixty_days_ahead():
    assert latest_preferred_date(date(2026, 11, 24)) == date(2027, 1, 23)


def _date_errors(day, today):
    form = WaterApplicationForm(valid_data(preferred_date=day.isoformat()), today=today)
    form.is_valid()
    return form.errors.get("preferred_date", [])


def test_earliest_date_is_accepted_and_the_day_before_is_not():
    today = date(2026, 11, 20)
    assert _date_errors(date(2026, 11, 26), today) == []
    errors = _date_errors(date(2026, 11, 25), today)
    assert errors and "2026年11月26日（木）以降" in errors[0]


def test_holiday_is_refused_with_the_reason():
    errors = _date_errors(date(2026, 11, 23), date(2026, 11, 10))
    assert errors == ["2026年11月23日（月）は祝日のため作業ができません。別の日を選んでください。"]


def test_weekend_is_refused_with_the_reason():
    errors = _date_errors(date(2026, 12, 5), date(2026, 11, 10))
    assert "土曜日・日曜日" in errors[0]


def test_new_year_closure_is_refused_with_the_reason():
    errors = _date_errors(date(2026, 12, 30), date(2026, 12, 1))
    assert "年末年始" in errors[0]


def test_more_than_sixty_days_ahead_is_refused():
    today = date(2026, 11, 10)  # +60 days = 2027-01-09 (Saturday); +59 = Friday 2027-01-08
    assert _date_errors(date(2027, 1, 8), today) == []
    errors = _date_errors(date(2027, 1, 12), today)
    assert errors == ["希望日は2027年1月9日（土）までの日を選んでください。"]


def test_office_hours(settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")
    assert is_office_open(datetime(2026, 11, 24, 9, 0, tzinfo=tokyo))
    assert not is_office_open(datetime(2026, 11, 24, 17, 15, tzinfo=tokyo))
    # Friday evening → next Tuesday (Monday is not a holiday here, but Sat/Sun are skipped).
    opening = next_office_opening(datetime(2026, 11, 27, 20, 0, tzinfo=tokyo))
    assert (opening.date(), opening.hour, opening.minute) == (date(2026, 11, 30), 8, 30)
    # Early on a working day → the same morning.
    opening = next_office_opening(datetime(2026, 11, 24, 6, 0, tzinfo=tokyo))
    assert opening.date() == date(2026, 11, 24)
