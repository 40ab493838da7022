"""Admin reports and CSV, synonyms in the admin, search_eval's output, statistics normalisation."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from search.analytics import normalize_for_log, record_search
from search.management.commands.search_eval import score_ranking
from search.models import SearchQueryStat, SearchSynonym
from tests.search.factories import make_faq, make_faq_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def stats():
    today = timezone.localdate()
    SearchQueryStat.objects.create(date=today, query="粗大ごみ", searches=12, last_result_count=5)
    SearchQueryStat.objects.create(
        date=today - datetime.timedelta(days=1),
        query="粗大ごみ",
        source="faq",
        searches=3,
        last_result_count=5,
    )
    SearchQueryStat.objects.create(date=today, query="ぴよぴよ", searches=4, zero_result_searches=4)
    SearchQueryStat.objects.create(
        date=today - datetime.timedelta(days=60), query="昔の言葉", searches=99, zero_result_searches=99
    )


def test_popular_report_sums_days_and_sources(admin_client, stats):
    html = admin_client.get("/admin/reports/search-popular/").content.decode()
    assert html.index("粗大ごみ") < html.index("ぴよぴよ")
    assert "<td>15</td>" in html
    assert "昔の言葉" not in html  # outside the last 30 days


def test_zero_result_report_lists_only_unfound_queries(admin_client, stats):
    html = admin_client.get("/admin/reports/search-zero-results/", {"days": 90}).content.decode()
    assert "ぴよぴよ" in html and "昔の言葉" in html
    assert "<td>粗大ごみ</td>" not in html


def test_report_csv_export(admin_client, stats):
    response = admin_client.get("/admin/reports/search-popular/", {"export": "csv", "source": "site"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "検索語,検索回数,0件だった回数,最後に検索された日"
    assert lines[1].startswith("粗大ごみ,12,0,")


def test_reports_need_permission(client, stats):
    user = get_user_model().objects.create_user("staff", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/search-popular/").status_code in {302, 403}


def test_editors_group_may_manage_synonyms_and_read_reports():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_searchsynonym", "change_searchsynonym", "view_searchquerystat"} <= codenames


def test_synonyms_are_edited_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/search/synonyms/add/", {"terms": "国保、国民健康保険", "note": "略称"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get().variants() == ["国保", "国民健康保険"]


def test_the_synonyms_list_is_searchable_by_a_word_of_an_entry(admin_client):
    SearchSynonym.objects.create(terms="国保、国民健康保険", note="略称")
    SearchSynonym.objects.create(terms="ゴミ、ごみ")
    response = admin_client.get("/admin/search/synonyms/", {"q": "国保"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "国民健康保険" in html
    assert "ゴミ＝ごみ" not in html


def test_synonym_variants_accept_common_separators():
    assert SearchSynonym(terms="ゴミ,ごみ＝塵\n廃棄物、ゴミ").variants() == ["ゴミ", "ごみ", "塵", "廃棄物"]


def test_log_normalisation_masks_personal_data():
    assert normalize_for_log("  ＭＹ　Number  ") == "my number"
    assert normalize_for_log("連絡先 taro@example.jp 090-1234-5678") == "連絡先 ＊ ＊"
    assert len(normalize_for_log("あ" * 500)) == 100


def test_record_search_counts_per_day():
    record_search("粗大ごみ", 3)
    record_search("粗大ごみ ", 0)
    stat = SearchQueryStat.objects.get()
    assert (stat.searches, stat.zero_result_searches, stat.last_result_count) == (2, 1, 0)


def test_score_ranking_metrics():
    metrics = score_ranking(["a", "b", "c"], {"b": 2, "z": 1})
    assert metrics["s@1"] == 0.0 and metrics["s@5"] == 1.0 and metrics["mrr"] == 0.5
    assert metrics["p@5"] == pytest.approx(0.2)
    assert 0 < metrics["ndcg@10"] < 1


def test_search_eval_prints_the_json_line(tmp_path):
    index = make_faq_index()
    index.slug = "eval-faq"
    index.save()
    make_faq(
        index, "粗大ごみはどうやって出せばよいですか", "戸別収集を申し込んでください。", import_id="t-001"
    )
    make_faq(index, "住民票の写しを取りたい", "市民課で申請してください。", import_id="t-002")
    data = tmp_path / "set.jsonl"
    data.write_text(
        json.dumps({"query": "粗大ごみ", "relevant": {"t-001": 2}}, ensure_ascii=False)
        + "\n"
        + json.dumps({"query": "戸籍", "relevant": {"t-002": 1}}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("search_eval", str(data), "--index", "eval-faq", stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert list(last) == ["s@1", "s@5", "s@10", "mrr", "p@5", "ndcg@10", "p50_ms", "p95_ms", "queries"]
    assert last["s@1"] == 0.5 and last["mrr"] == 0.5 and last["queries"] == 2


def test_development_set_is_labelled_against_demo_ids():
    lines = Path("search/eval/dev.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) >= 150
    assert all(
        item["relevant"] and all(grade in {1, 2} for grade in item["relevant"].values()) for item in items
    )
