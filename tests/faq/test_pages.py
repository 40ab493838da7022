import json
import re

import pytest
from django.test import Client
from wagtail.models import Revision

from faq.models import FAQFeedback, FAQPage
from tests.html import section_with_text

from .factories import DepartmentFactory, FAQCategoryFactory, FAQPageFactory, faq_index, publish


@pytest.fixture()
def index(db):
    return faq_index()


@pytest.fixture()
def gomi(db):
    return FAQCategoryFactory(name="ごみ・リサイクル", slug="gomi", sort_order=1)


@pytest.fixture()
def faq(index, gomi):
    department = DepartmentFactory(name="環境課", section="廃棄物対策係", phone="0248-88-9133")
    page = FAQPageFactory(
        parent=index,
        title="粗大ごみはどうやって出せばよいですか。",
        department=department,
        answer=[
            {"type": "paragraph", "value": "<p>事前に申し込んでください。<br/>手数料がかかります。</p>"},
            {"type": "list", "value": {"ordered": False, "items": ["戸別収集", "持ち込み"]}},
        ],
        categories=[gomi],
    )
    return publish(page)


def make_faqs(index, category, count, start=0):
    for number in range(start, start + count):
        FAQPageFactory(parent=index, slug=f"q{number}", title=f"質問{number}", categories=[category])


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_faq_page_shows_question_answer_category_contact_and_review_date(client, faq):
    html = client.get(faq.url).content.decode()
    assert '<h1 id="faq-question"' in html and "粗大ごみはどうやって出せばよいですか。" in html
    assert "手数料がかかります。" in html and "戸別収集" in html
    assert 'href="/faq/category/gomi/"' in html
    assert "このページに関するお問い合わせ" in html and "0248-88-9133" in html
    assert "最終確認日" in text_of(html) and "2026年4月1日" in html
    assert "この回答は役に立ちましたか？" in html


def test_json_ld_is_valid_and_matches_the_visible_question_and_answer(client, faq):
    html = client.get(faq.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(script)
    assert data["@type"] == "FAQPage"
    question = data["mainEntity"][0]
    assert question["name"] == faq.title
    answer = question["acceptedAnswer"]["text"]
    assert answer == "事前に申し込んでください。\n手数料がかかります。\n\n・戸別収集\n・持ち込み"
    visible = text_of(html)
    for line in answer.replace("・", "").split("\n"):
        assert line.strip() in visible


def test_json_ld_cannot_close_its_script_element(client, index):
    page = publish(FAQPageFactory(parent=index, title="</script><script>alert(1)</script>"))
    html = client.get(page.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(script)["mainEntity"][0]["name"] == page.title


def test_related_faqs_show_only_live_ones(client, index, faq):
    other = FAQPageFactory(parent=index, title="ごみの分け方を知りたいです。")
    hidden = FAQPageFactory(parent=index, title="非公開の質問", live=False)
    faq.related_faqs.set([other, hidden])
    faq = publish(faq)
    html = client.get(faq.url).content.decode()
    assert "関連する質問" in html and "ごみの分け方を知りたいです。" in html
    assert "非公開の質問" not in html


def test_each_view_adds_one_to_the_count(client, faq):
    client.get(faq.url)
    client.get(faq.url)
    assert FAQPage.objects.get(pk=faq.pk).view_count == 2


def test_publishing_an_old_revision_keeps_the_view_count(client, faq):
    revision = faq.latest_revision
    client.get(faq.url)
    client.get(faq.url)
    revision.publish()
    assert FAQPage.objects.get(pk=faq.pk).view_count == 2
    assert "view_count" not in Revision.objects.get(pk=revision.pk).content


def test_index_lists_categories_with_counts_and_most_viewed(client, index, gomi, faq):
    other = FAQCategoryFactory(name="税金", slug="zei", sort_order=2)
    FAQCategoryFactory(name="空の分類", slug="empty", sort_order=3)
    make_faqs(index, other, 3)
    FAQPage.objects.filter(pk=faq.pk).update(view_count=10)
    html = client.get(index.url).content.decode()
    text = text_of(html)
    assert "ごみ・リサイクル 1件" in text and "税金 3件" in text
    assert "空の分類" not in text
    popular = section_with_text(html, "よく見られている質問").get_text()
    assert "粗大ごみはどうやって出せばよいですか。" in popular
    assert 'action="/faq/search/"' in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# Pinned: the FAQ part is a fixed handful of queries, the rest is base.html (site settings, menus).
INDEX_MAX_QUERIES = 30
CATEGORY_MAX_QUERIES = 30


def test_index_query_count_does_not_grow_with_the_number_of_faqs(client, index, gomi):
    make_faqs(index, gomi, 3)
    FAQPage.objects.update(view_count=5)
    few = count_queries(client, index.url)
    make_faqs(index, FAQCategoryFactory(name="税金", slug="zei"), 60, start=100)
    FAQPage.objects.update(view_count=7)
    many = count_queries(client, index.url)
    assert many == few <= INDEX_MAX_QUERIES


def test_category_listing_query_count_does_not_grow_with_the_number_of_faqs(client, index, gomi):
    make_faqs(index, gomi, 3)
    few = count_queries(client, f"{index.url}category/gomi/")
    make_faqs(index, gomi, 60, start=100)
    many = count_queries(client, f"{index.url}category/gomi/?page=2")
    assert many == few <= CATEGORY_MAX_QUERIES


def test_faq_page_query_count_does_not_grow_with_related_faqs(client, index, gomi, faq):
    few = count_queries(client, faq.url)
    make_faqs(index, gomi, 12, start=100)
    faq.related_faqs.set(FAQPage.objects.exclude(pk=faq.pk))
    faq.categories.set([gomi, FAQCategoryFactory(name="税金", slug="zei")])
    publish(faq)
    many = count_queries(client, faq.url)
    assert many == few


def test_category_listing_pages_by_twenty(client, index, gomi):
    make_faqs(index, gomi, 25)
    first = text_of(client.get(f"{index.url}category/gomi/").content.decode())
    second = text_of(client.get(f"{index.url}category/gomi/?page=2").content.decode())
    assert "25件の質問があります。" in first and "2ページ中1ページ目" in first
    assert "質問0 " in first and "質問24" in second and "質問24" not in first
    assert client.get(f"{index.url}category/gomi/?page=abc").status_code == 200


def test_unknown_category_is_404(client, index):
    assert client.get(f"{index.url}category/no-such/").status_code == 404


def test_search_box_uses_search_faqs_within_the_index(client, index, faq, monkeypatch):
    calls = []

    def fake_search(query, within, limit=20):
        calls.append((query, within.pk, limit))
        return [faq]

    monkeypatch.setattr("search.api.search_faqs", fake_search)
    html = client.get(f"{index.url}search/", {"q": "  粗大ごみ  "}).content.decode()
    assert calls == [("粗大ごみ", index.pk, 50)]
    assert "「粗大ごみ」の検索結果" in html and faq.title in html


def test_search_finds_faqs_and_explains_an_empty_query(client, index, faq):
    html = client.get(f"{index.url}search/", {"q": "粗大ごみ"}).content.decode()
    assert faq.title in html
    empty = client.get(f"{index.url}search/", {"q": ""}).content.decode()
    assert "検索する言葉を入力してください。" in empty


# --- 「この回答は役に立ちましたか？」 ---------------------------------------------------------


def test_feedback_is_stored_and_thanked_without_javascript(client, faq):
    response = client.post(faq.url, {"helpful": "yes", "comment": "  分かりやすかったです。 "}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?feedback=thanks#faq-feedback")
    assert "ご回答ありがとうございました。" in response.content.decode()
    stored = FAQFeedback.objects.get()
    assert (stored.page_id, stored.helpful, stored.comment) == (faq.pk, True, "分かりやすかったです。")


def test_feedback_stores_nothing_about_the_sender():
    names = {field.name for field in FAQFeedback._meta.get_fields()}
    assert names == {"id", "page", "helpful", "comment", "created_at"}


def test_second_post_from_the_same_client_in_the_window_is_not_stored(client, faq):
    client.post(faq.url, {"helpful": "yes"})
    response = client.post(faq.url, {"helpful": "no", "comment": "もう一度"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "短い時間に続けて送信された" in html and "もう一度" in html
    assert FAQFeedback.objects.count() == 1


def test_another_client_can_still_answer(faq):
    Client(REMOTE_ADDR="192.0.2.1").post(faq.url, {"helpful": "yes"})
    Client(REMOTE_ADDR="192.0.2.2").post(faq.url, {"helpful": "no"})
    assert FAQFeedback.objects.count() == 2


def test_too_long_comment_is_refused_and_kept(client, faq):
    comment = "あ" * 401
    response = client.post(faq.url, {"helpful": "no", "comment": comment})
    assert response.status_code == 400
    html = response.content.decode()
    assert "400文字以内で入力してください（現在 401 文字）" in html
    assert comment in html
    assert not FAQFeedback.objects.exists()


def test_missing_choice_is_refused_with_a_message(client, faq):
    response = client.post(faq.url, {"comment": "選び忘れ"})
    assert response.status_code == 400
    assert "「はい」か「いいえ」を選んでください。" in response.content.decode()
    assert not FAQFeedback.objects.exists()


def test_faq_page_carries_no_csrf_token_so_the_front_cache_may_keep_it(faq):
    response = Client(enforce_csrf_checks=True).get(faq.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert "s-maxage" in response["Cache-Control"]


def test_feedback_from_the_page_is_stored_without_a_token(faq):
    csrf_client = Client(enforce_csrf_checks=True)
    html = csrf_client.get(faq.url).content.decode()
    action = re.search(r'<form method="post" action="([^"#]+)#faq-feedback"', html).group(1)
    response = csrf_client.post(action, {"helpful": "yes"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert response["Location"].endswith("?feedback=thanks#faq-feedback")
    assert FAQFeedback.objects.count() == 1


def test_feedback_posted_from_another_site_is_refused(faq):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(f"/faq-feedback/{faq.pk}/", {"helpful": "no"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not FAQFeedback.objects.exists()


def test_feedback_errors_are_shown_on_the_faq_and_never_cached(faq):
    response = Client().post(f"/faq-feedback/{faq.pk}/", {"comment": "選び忘れ"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400
    assert "「はい」か「いいえ」を選んでください。" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_crawl_lists_category_search_and_thanks_views(index, faq):
    from faq.crawl import extra_paths

    paths = [path for _site, path in extra_paths()]
    assert "/faq/category/gomi/" in paths
    assert any(path.startswith("/faq/search/?q=") for path in paths)
    assert f"/faq/{faq.slug}/?feedback=thanks" in paths


def test_preview_with_unsaved_related_faqs_renders_and_counts_no_view(rf, index, faq):
    other = FAQPageFactory(parent=index, title="ごみの分け方を知りたいです。")
    draft = FAQPage.objects.get(pk=faq.pk)
    draft.related_faqs = [other]  # in memory only, as the editor's preview form does
    request = rf.get(faq.url)
    request.is_preview = True
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = draft.serve(request)
    response.render()
    assert "ごみの分け方を知りたいです。" in response.content.decode()
    assert FAQPage.objects.get(pk=faq.pk).view_count == 0


def test_faq_search_is_counted_in_the_search_statistics(client, index, faq):
    from search.models import SearchQueryStat

    client.get(f"{index.url}search/", {"q": "存在しない言葉ですよ"})
    stat = SearchQueryStat.objects.get(source=SearchQueryStat.SOURCE_FAQ)
    assert (stat.searches, stat.zero_result_searches) == (1, 1)
