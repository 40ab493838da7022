from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.water.factories import WaterApplicationFactory
from water.models import ApplicationStatus, WaterApplication, WaterApplicationStatusChange


def closed(days_ago, status=ApplicationStatus.COMPLETED):
    application = WaterApplicationFactory(status=status, closed_at=timezone.now() - timedelta(days=days_ago))
    WaterApplicationStatusChange.objects.create(
        application=application, from_status="received", to_status=status, note="須賀川様に電話で確認"
    )
    return application


def purge(*args):
    out = StringIO()
    call_command("purge_water_applications", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_personal_data_is_removed_after_the_retention_period():
    old = closed(366)
    output = purge()
    old.refresh_from_db()
    assert old.name == old.address == old.phone == old.email == old.name_kana == old.note == ""
    assert old.anonymized_at is not None
    assert old.reception_number.startswith("W-") and old.application_type == "start"
    assert not old.status_changes.exclude(note="").exists()
    assert "個人情報を削除しました：1件（保存期間 365日）" in output and old.reception_number in output


@pytest.mark.django_db
def test_recent_and_open_applications_are_kept():
    recent = closed(364)
    cancelled_recent = closed(10, ApplicationStatus.CANCELLED)
    still_open = WaterApplicationFactory(received_at=timezone.now() - timedelta(days=800))
    output = purge()
    assert "0件" in output
    for application in (recent, cancelled_recent, still_open):
        application.refresh_from_db()
        assert application.name == "須賀川 太郎"


@pytest.mark.django_db
def test_retention_setting_is_used(settings):
    settings.WATER_APPLICATION_RETENTION_DAYS = 30
    application = closed(31, ApplicationStatus.CANCELLED)
    assert "1件（保存期間 30日）" in purge()
    application.refresh_from_db()
    assert application.name == ""


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    application = closed(400)
    output = purge("--dry-run")
    application.refresh_from_db()
    assert application.name == "須賀川 太郎"
    assert "削除の対象：1件" in output and application.reception_number in output


@pytest.mark.django_db
def test_second_run_finds_nothing():
    closed(400)
    purge()
    assert "0件" in purge()
    assert WaterApplication.objects.filter(anonymized_at__isnull=False).count() == 1
