import datetime

import pytest
from django.urls import reverse

from bcp.models import BCPDrill, fiscal_year_of

JST = datetime.timezone(datetime.timedelta(hours=9))


def test_fiscal_year_runs_from_april_to_march():
    assert fiscal_year_of(datetime.datetime(2027, 3, 31, 23, 0, tzinfo=JST)) == 2026
    assert fiscal_year_of(datetime.datetime(2027, 4, 1, 0, 30, tzinfo=JST)) == 2027


@pytest.mark.django_db
def test_drills_are_counted_per_fiscal_year_and_listed_in_japanese(admin_client):
    for moment, result in [
        (datetime.datetime(2026, 5, 1, 10, tzinfo=JST), BCPDrill.RESULT_SUCCESS),
        (datetime.datetime(2027, 2, 1, 10, tzinfo=JST), BCPDrill.RESULT_SUCCESS),
        (datetime.datetime(2027, 3, 1, 10, tzinfo=JST), BCPDrill.RESULT_FAILURE),
        (datetime.datetime(2027, 4, 2, 10, tzinfo=JST), BCPDrill.RESULT_SUCCESS),
    ]:
        BCPDrill.objects.create(started_at=moment, result=result, duration_seconds=42.0, archive_name="a")

    assert BCPDrill.count_in_fiscal_year(2026) == 2
    assert BCPDrill.count_in_fiscal_year(2026, successful_only=False) == 3

    response = admin_client.get(reverse("bcp_drills:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "BCP訓練の記録" in html and "令和8年度" in html and "令和9年度" in html and "失敗" in html


@pytest.mark.django_db
def test_drill_records_cannot_be_added_or_edited_in_the_admin(admin_client):
    drill = BCPDrill.objects.create(result=BCPDrill.RESULT_SUCCESS, duration_seconds=42.0, archive_name="a")
    assert admin_client.get(reverse("bcp_drills:add")).status_code in (302, 403)
    assert admin_client.get(reverse("bcp_drills:edit", args=[drill.pk])).status_code in (302, 403)


@pytest.mark.django_db
def test_detail_view_shows_times_in_jst_and_the_log_as_lines(admin_client):
    drill = BCPDrill.objects.create(
        started_at=datetime.datetime(2026, 12, 7, 2, 45, tzinfo=datetime.UTC),
        archive_created_at=datetime.datetime(2026, 12, 6, 18, 0, tzinfo=datetime.UTC),
        result=BCPDrill.RESULT_SUCCESS,
        duration_seconds=61.2,
        archive_name="a",
        report="使ったバックアップ：a\n結果：成功",
    )
    html = admin_client.get(reverse("bcp_drills:inspect", args=[drill.pk])).content.decode()
    assert "2026年12月7日 11時45分" in html and "2026年12月7日 3時00分" in html
    assert "2時45分" not in html
    assert "使ったバックアップ：a\n結果：成功</pre>" in html
    assert "61.2秒" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_drill_is_recorded_as_failure_without_rto(tmp_path, settings, backup_key):
    """A forced failure: the only archive in BACKUP_DIR is a planted plain one."""
    from bcp.drill import run_drill

    settings.BACKUP_DIR = str(tmp_path)
    (tmp_path / "cms-backup-20261207-030000.tar.gz.enc").write_bytes(b"not an archive")
    outcome = run_drill(per_site=1)
    drill = BCPDrill.objects.get()
    assert drill.result == BCPDrill.RESULT_FAILURE and drill.duration_seconds is None
    assert drill.restore_seconds is None and drill.problems >= 1
    report = "\n".join(outcome.lines)
    assert "結果：失敗" in report and "記録しません" in report and "秒（うち復元" not in report
    assert "使えないバックアップを飛ばしました：cms-backup-20261207-030000.tar.gz.enc" in report


@pytest.mark.django_db
def test_superuser_dashboard_warns_about_an_old_backup_and_drill(admin_client, settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path)
    (tmp_path / "cms-backup-20200101-030000.tar.gz.enc").write_bytes(b"x")
    BCPDrill.objects.create(
        started_at=datetime.datetime(2020, 1, 1, 10, tzinfo=JST),
        result=BCPDrill.RESULT_SUCCESS,
        duration_seconds=42.0,
        archive_name="a",
    )
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "バックアップとBCP訓練" in html and "2020年1月1日 3時00分" in html and "42.0秒" in html
    assert "最後のバックアップから26時間以上たっています" in html
    assert "最後のBCP訓練から93日以上たっています" in html
