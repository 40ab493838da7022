"""受付番号 W-YYYYMMDD-NNNN: sequential per day, unique under concurrent submissions."""

import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from water.applications import create_application
from water.models import WaterApplication

TOKYO = ZoneInfo("Asia/Tokyo")


def fields(**overrides):
    data = {
        "application_type": "start",
        "address": "須賀川市八幡町135",
        "customer_number": "",
        "name": "須賀川 太郎",
        "name_kana": "スカガワ タロウ",
        "phone": "0248751111",
        "email": "",
        "preferred_date": datetime(2026, 12, 1).date(),
        "settlement_method": "",
        "forwarding_address": "",
        "note": "",
    }
    data.update(overrides)
    return data


def at(moment, monkeypatch):
    monkeypatch.setattr("water.applications.timezone.now", lambda: moment)


def test_numbers_are_sequential_within_a_day_and_restart_the_next(db, monkeypatch):
    day = datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)
    at(day, monkeypatch)
    numbers = [create_application(fields(), uuid.uuid4())[0].reception_number for _ in range(3)]
    assert numbers == ["W-20261124-0001", "W-20261124-0002", "W-20261124-0003"]
    at(day + timedelta(days=1), monkeypatch)
    assert create_application(fields(), uuid.uuid4())[0].reception_number == "W-20261125-0001"


def test_the_day_is_the_day_in_japan(db, monkeypatch):
    # 2026-11-24 23:30 UTC is already 11月25日 in 須賀川.
    at(datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("UTC")), monkeypatch)
    assert create_application(fields(), uuid.uuid4())[0].reception_number == "W-20261125-0001"


def test_same_token_returns_the_first_application(db):
    token = uuid.uuid4()
    first, created = create_application(fields(), token)
    again, created_again = create_application(fields(), token)
    assert created and not created_again and again.pk == first.pk
    assert WaterApplication.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_get_distinct_sequential_numbers():
    # SQLite serialises every write on one database lock and its test database is in memory per
    # connection, so threads there prove nothing: this test is meaningful on PostgreSQL (CI).
    if connection.vendor == "sqlite":
        pytest.skip("concurrency of 受付番号 is proven on PostgreSQL (row lock SELECT … FOR UPDATE)")
    count = 12
    barrier = threading.Barrier(count)
    numbers, errors = [], []

    def send():
        try:
            barrier.wait(timeout=10)
            numbers.append(create_application(fields(), uuid.uuid4())[0].reception_number)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    suffixes = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert suffixes == list(range(1, count + 1))
    assert WaterApplication.objects.count() == count


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_click_stores_one_application():
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is proven on PostgreSQL")
    token = uuid.uuid4()
    barrier = threading.Barrier(4)
    results = []

    def send():
        try:
            barrier.wait(timeout=10)
            results.append(create_application(fields(), token)[0].reception_number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(set(results)) == 1 and len(results) == 4
    assert WaterApplication.objects.count() == 1
