"""ウェブアクセシビリティ方針 and 試験結果: the result page shows the last recorded test run."""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.a11y.models import AccessibilityPolicyPage, AccessibilityTestResultPage, AccessibilityTestRun
from tests.a11y.factories import HOSTNAME, policy_page

pytestmark = pytest.mark.django_db


@pytest.fixture()
def result_page():
    policy = policy_page(intro="<p>手続き①</p>")
    page = AccessibilityTestResultPage(title="ウェブアクセシビリティ試験結果", slug="test-results")
    policy.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_policy_page_states_target_and_deadline(client, result_page):
    html = client.get("/", HTTP_HOST=HOSTNAME).content.decode()
    assert "JIS X 8341-3:2016" in html
    assert "適合レベルAAに準拠" in html
    assert "2027年3月31日" in html
    assert 'href="/test-results/"' in html


def test_test_run_records_each_criterion(result_page):
    out = io.StringIO()
    call_command("a11y_test_run", "--site", HOSTNAME, "--no-browser", stdout=out)
    run = AccessibilityTestRun.objects.get(site=Site.objects.get(hostname=HOSTNAME))
    assert run.pages_tested == 2
    assert len(run.criteria) == 38
    by_number = {c["criterion"]: c for c in run.criteria}
    assert by_number["2.4.4"]["result"] == "問題なし"
    assert by_number["2.1.1"]["result"] == "自動試験の対象外"
    assert any(p["check"] == "機種依存文字" and p["text"] == "①" for p in run.problems)
    assert "2ページを試験しました" in out.getvalue()


def test_result_page_renders_the_latest_run(client, result_page):
    call_command("a11y_test_run", "--site", HOSTNAME, "--no-browser", stdout=io.StringIO())
    html = client.get("/test-results/", HTTP_HOST=HOSTNAME).content.decode()
    assert "2ページ（公開中のページ 2ページ）" in html
    assert "公開中のすべてのページ（2ページ）を試験しました。" in html
    assert "1.1.1 非テキストコンテンツ" in html
    assert "機種依存文字「①」" in html


def test_result_page_without_a_run_says_so(client, result_page):
    html = client.get("/test-results/", HTTP_HOST=HOSTNAME).content.decode()
    assert "まだ試験の記録がありません。" in html


def test_large_site_is_sampled_with_representative_pages(result_page):
    from cms.a11y.testrun import choose_pages

    pages, total, how = choose_pages(Site.objects.get(hostname=HOSTNAME), sample=1, seed=0)
    assert total == 2
    assert [type(p).__name__ for p in pages] == ["AccessibilityPolicyPage"]  # the top page first
    assert "代表ページ" in how


def test_content_checker_has_the_japanese_rules(client, django_user_model, result_page):
    admin = django_user_model.objects.create_superuser("admin", "a@example.jp", "x")
    client.force_login(admin)
    html = client.get("/", HTTP_HOST=HOSTNAME).content.decode()
    assert "checker-axe-configuration" in html
    for rule in ("sukagawa-izonmoji", "sukagawa-hankaku-kana", "sukagawa-vague-link", "sukagawa-file-link"):
        assert rule in html


def test_admin_report_lists_the_problems(client, django_user_model, result_page):
    admin = django_user_model.objects.create_superuser("admin", "a@example.jp", "x")
    client.force_login(admin)
    html = client.get("/admin/a11y/audit/").content.decode()
    assert "アクセシビリティ点検" in html
    assert "機種依存文字" in html and "「①」" in html


def test_policy_is_linked_from_the_footer_of_its_site(client):
    from home.models import CityHomePage

    top = CityHomePage(title="須賀川市", slug="footer-top")
    Page.get_first_root_node().add_child(instance=top)
    top.save_revision().publish()
    Site.objects.create(hostname="footer.example", port=80, root_page=top, site_name="市")
    policy = AccessibilityPolicyPage(
        title="ウェブアクセシビリティ方針",
        slug="accessibility",
        scope="<p>全ページ</p>",
        target_deadline=datetime.date(2027, 3, 31),
        body=[],
    )
    top.add_child(instance=policy)
    policy.save_revision().publish()
    footer = client.get("/", HTTP_HOST="footer.example").content.decode().split("<footer")[1]
    assert 'href="/accessibility/"' in footer
