"""5-3: the online share of 開閉栓, with the telephone and counter applications 経営課 records."""

import datetime

import pytest
from django.urls import reverse

from indicators.fiscal import JST
from indicators.measures import compute
from indicators.models import WaterApplicationTally
from tests.water.factories import WaterApplicationFactory
from water.applications import anonymize

pytestmark = pytest.mark.django_db


def share(year):
    (result,) = compute(year, ["5-3"])
    return result


def received(year, month, day, hour=10, minute=0, **fields):
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=JST)
    return WaterApplicationFactory(received_at=moment, **fields)


def test_a_phone_application_recorded_in_the_admin_changes_the_ratio(client, member_of):
    received(2026, 5, 12)
    assert share(2026).value == 100.0

    client.force_login(member_of("経営課"))
    response = client.post(
        reverse("indicators_water_tallies:add"),
        {"date": "2026-05-13", "kind": "start", "channel": "phone", "count": "3"},
    )

    assert response.status_code == 302
    tally = WaterApplicationTally.objects.get()
    assert (tally.channel, tally.count) == ("phone", 3)
    result = share(2026)
    assert result.value == 25.0
    assert result.value_text == "25.0％（1件／4件）"


def test_the_tally_form_opens_ready_for_todays_phone_call(client, member_of):
    client.force_login(member_of("経営課"))
    html = client.get(reverse("indicators_water_tallies:add")).content.decode()
    assert "電話・窓口の開閉栓受付" in html and "受付日" in html and "件数" in html
    assert 'name="name"' not in html and 'name="phone"' not in html  # no field for personal data


def test_an_unrelated_editor_cannot_record_counts(client, member_of):
    client.force_login(member_of("各課編集者"))
    response = client.post(
        reverse("indicators_water_tallies:add"),
        {"date": "2026-05-13", "kind": "start", "channel": "phone", "count": "3"},
    )
    assert response.status_code in (302, 403)
    assert not WaterApplicationTally.objects.exists()


def test_the_fiscal_year_ends_at_midnight_on_31_march_in_japan():
    received(2026, 3, 31, hour=23, minute=30)  # 14:30 UTC: still 2025年度
    received(2026, 4, 1, hour=0, minute=10)  # 2026-03-31 15:10 UTC: already 2026年度
    WaterApplicationTally.objects.create(date=datetime.date(2026, 3, 31), kind="stop", channel="counter", count=1)
    WaterApplicationTally.objects.create(date=datetime.date(2026, 4, 1), kind="stop", channel="counter", count=3)

    last_year, this_year = share(2025), share(2026)

    assert last_year.value_text == "50.0％（1件／2件）"
    assert last_year.months[-1] == (2026, 3, 50.0)
    assert this_year.value_text == "25.0％（1件／4件）"
    assert this_year.months[0] == (2026, 4, 25.0)


def test_transfers_and_cancelled_applications_are_not_openings_or_closings():
    received(2026, 6, 1, application_type="transfer")
    received(2026, 6, 2, status="cancelled")
    received(2026, 6, 3, application_type="stop")
    WaterApplicationTally.objects.create(date=datetime.date(2026, 6, 3), kind="start", channel="phone", count=1)
    assert share(2026).value_text == "50.0％（1件／2件）"


def test_the_purge_of_personal_data_does_not_change_the_count():
    application = received(2026, 7, 1, status="completed")
    before = share(2026).value_text
    anonymize(application)
    assert share(2026).value_text == before == "100.0％（1件／1件）"
