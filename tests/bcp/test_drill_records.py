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
