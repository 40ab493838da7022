"""`bcp_drill` on the seeded demo: the restored copy serves both Sites and the drill is recorded."""

import io

import pytest
from django.core.management import call_command

from bcp.drill import run_drill
from bcp.models import BCPDrill, fiscal_year_of

pytestmark = pytest.mark.browser


def test_drill_restores_the_demo_into_a_scratch_copy_and_records_it(
    demo_server, demo_db, tmp_path, backup_key
):
    call_command("backup", str(tmp_path), stdout=io.StringIO())
    archive = next(tmp_path.glob("cms-backup-*.tar.gz.enc"))

    outcome = run_drill(archive_path=archive, per_site=3)

    report = "\n".join(outcome.lines)
    assert outcome.drill.result == BCPDrill.RESULT_SUCCESS, report
    assert "OK　localhost/　" in report and "OK　water.localhost/　" in report
    assert outcome.drill.pages_checked >= 2 + 2 * 3 - 2  # both tops and a sample of each Site
    assert BCPDrill.count_in_fiscal_year(fiscal_year_of(outcome.drill.started_at)) >= 1
