"""FAQ CSV import in the admin: preview with line numbers, drafts in the workflow, publishing by role."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from faq.models import FAQPage
from home.permissions import (
    CITY_PUBLISHERS,
    DIVISION_EDITORS,
    division_group_name,
    ensure_editor_groups,
    grant_section,
)
from tests.faq.factories import faq_index, site_root

pytestmark = pytest.mark.django_db

HEADER = ["id", "question", "answer", "category", "keywords", "department"]
GOOD = ["gomi-001", "粗大ごみはどうやって出せばよいですか。", "事前に申し込んでください。", "", "", ""]
IZONMOJI = ["gomi-002", "家電リサイクル①の対象は何ですか。", "テレビなど4品目です。", "", "", ""]
NO_ID = ["", "ごみ・リサイクル", "id のない行です。", "", "", ""]


def make_csv(rows, encoding="utf-8"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture()
def index(db):
    ensure_editor_groups(site_root())
    index = faq_index(slug="faq")
    grant_section(division_group_name("環境課"), index)
    return index


def login(client, username, *group_names):
    user = get_user_model().objects.create_user(username, password="x-" + username * 2)
    user.groups.set(Group.objects.filter(name__in=group_names))
    client.force_login(user)
    return client


@pytest.fixture()
def publisher(client, index):
    return login(client, "koho", CITY_PUBLISHERS)


@pytest.fixture()
def drafter(client, index):
    return login(client, "kankyo", DIVISION_EDITORS, division_group_name("環境課"))


def preview(client, index, data, name="faq.csv"):
    return client.post(
        "/admin/faq/import/",
        {"action": "preview", "index": index.pk, "file": SimpleUploadedFile(name, data, "text/csv")},
    )


def test_preview_lists_problems_by_line_and_stores_nothing(publisher, index):
    response = preview(publisher, index, make_csv([GOOD, IZONMOJI, NO_ID]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "確認結果（まだ保存していません）" in html
    assert "4行目：id が空です。" in html
    assert "3行目：アクセシビリティの確認で問題があるため" in html
    assert not FAQPage.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_preview_reads_bom_and_shift_jis(publisher, index, encoding):
    html = preview(publisher, index, make_csv([GOOD], encoding=encoding)).content.decode()
    assert "新規 1 件" in html and "失敗 0 件" in html


def test_drafting_role_imports_drafts_submitted_for_approval(drafter, index):
    preview(drafter, index, make_csv([GOOD, IZONMOJI, NO_ID]))
    response = drafter.post("/admin/faq/import/", {"action": "import"})
    assert response.status_code == 200
    assert "4行目：id が空です。" in response.content.decode()
    pages = FAQPage.objects.child_of(index)
    assert sorted(pages.values_list("import_id", flat=True)) == ["gomi-001", "gomi-002"]
    assert not pages.filter(live=True).exists()
    assert all(page.workflow_in_progress for page in pages)


def test_publishing_role_publishes_only_rows_passing_checks(publisher, index):
    preview(publisher, index, make_csv([GOOD, IZONMOJI]))
    publisher.post("/admin/faq/import/", {"action": "import"})
    good = FAQPage.objects.get(import_id="gomi-001")
    held = FAQPage.objects.get(import_id="gomi-002")
    assert good.live
    assert not held.live and held.workflow_in_progress


def test_malformed_row_is_never_stored(publisher, index):
    preview(publisher, index, make_csv([NO_ID]))
    publisher.post("/admin/faq/import/", {"action": "import"})
    assert not FAQPage.objects.filter(title="ごみ・リサイクル").exists()


def test_editor_without_faq_rights_is_refused(client, index):
    client = login(client, "shimin", DIVISION_EDITORS)
    response = client.get("/admin/faq/import/")
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_command_still_publishes_rows_passing_checks(index, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_bytes(make_csv([GOOD, IZONMOJI]))
    out = io.StringIO()
    call_command("import_faq", str(path), "--index", "faq", stdout=out, stderr=io.StringIO())
    assert FAQPage.objects.get(import_id="gomi-001").live
    assert not FAQPage.objects.get(import_id="gomi-002").live
    assert "3行目：アクセシビリティの確認で問題があるため" in out.getvalue()
