import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.html import row_with_text

from .factories import FAQFeedbackFactory, FAQPageFactory, faq_index


@pytest.fixture()
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@city.sukagawa.example", "pw")
    client.force_login(user)
    return client


@pytest.fixture()
def faqs(db):
    index = faq_index()
    helpful = FAQPageFactory(parent=index, title="粗大ごみの出し方", import_id="city-002", view_count=30)
    unclear = FAQPageFactory(parent=index, title="児童手当の支給日", import_id="city-045", view_count=12)
    for _ in range(3):
        FAQFeedbackFactory(page=helpful, helpful=True)
    FAQFeedbackFactory(page=helpful, helpful=False, comment="料金の例があると助かります。")
    FAQFeedbackFactory(
        page=unclear,
        helpful=False,
        comment="古いコメント",
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    for number in range(4):
        FAQFeedbackFactory(page=unclear, helpful=False, comment=f"新しいコメント{number}")
    return helpful, unclear


def test_feedback_report_shows_views_yes_no_and_latest_comments(admin_client, faqs):
    html = admin_client.get("/admin/reports/faq/feedback/").content.decode()
    assert "FAQの評価" in html
    row = row_with_text(html, "粗大ごみの出し方")
    assert "30" in [cell.get_text(strip=True) for cell in row.find_all("td")]
    assert "料金の例があると助かります。" in row.get_text()
    unclear_row = row_with_text(html, "児童手当の支給日").get_text()
    assert "新しいコメント3" in unclear_row and "古いコメント" not in unclear_row


def test_feedback_report_csv_counts_match_what_was_posted(admin_client, faqs):
    response = admin_client.get("/admin/reports/faq/feedback/?export=csv&ordering=-yes_count")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["質問"] for row in rows] == ["粗大ごみの出し方", "児童手当の支給日"]
    assert (rows[0]["閲覧数"], rows[0]["はい"], rows[0]["いいえ"]) == ("30", "3", "1")
    assert (rows[1]["はい"], rows[1]["いいえ"]) == ("0", "5")
    assert rows[0]["取込ID"] == "city-002"


def test_feedback_report_can_be_sorted(admin_client, faqs):
    by_no = admin_client.get("/admin/reports/faq/feedback/?ordering=-no_count").content.decode()
    by_views = admin_client.get("/admin/reports/faq/feedback/?ordering=-view_count").content.decode()
    assert by_no.index("児童手当の支給日") < by_no.index("粗大ごみの出し方")
    assert by_views.index("粗大ごみの出し方") < by_views.index("児童手当の支給日")


def test_review_report_lists_faqs_reviewed_more_than_a_year_ago(admin_client, db):
    index = faq_index()
    today = timezone.localdate()
    FAQPageFactory(parent=index, title="古い回答", last_reviewed=today - datetime.timedelta(days=400))
    FAQPageFactory(parent=index, title="未確認の回答", last_reviewed=None)
    FAQPageFactory(parent=index, title="最近確認した回答", last_reviewed=today - datetime.timedelta(days=30))
    html = admin_client.get("/admin/reports/faq/review/").content.decode()
    assert "見直しが必要なFAQ" in html
    assert "古い回答" in html and "未確認の回答" in html and "未記録" in html
    assert "最近確認した回答" not in html
    assert html.index("未確認の回答") < html.index("古い回答")


def test_reports_are_in_the_reports_menu_and_closed_to_visitors(admin_client, client, faqs):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/reports/faq/feedback/" in html and "/admin/reports/faq/review/" in html
    from django.test import Client

    response = Client().get("/admin/reports/faq/feedback/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_old_comments_are_blanked_but_counts_kept(faqs):
    from django.core.management import call_command

    from faq.models import FAQFeedback

    _helpful, unclear = faqs
    FAQFeedback.objects.filter(comment="古いコメント").update(
        created_at=timezone.now() - datetime.timedelta(days=800)
    )
    out = io.StringIO()
    call_command("purge_faq_feedback_comments", stdout=out)
    assert "1 件を消去しました" in out.getvalue()
    assert not FAQFeedback.objects.filter(comment="古いコメント").exists()
    assert FAQFeedback.objects.filter(page=unclear).count() == 5
