"""The editor's form, the delivery log, 緊急情報 at once, 友だち追加 and the indicator 9-12."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import RequestFactory
from wagtail.models import Site

from linepush.models import FollowerCount, LineDelivery, LineSettings, PageLineMessage
from tests.home.factories import EmergencyNoticeFactory, NewsPageFactory
from tests.linepush.conftest import run_worker

pytestmark = pytest.mark.django_db


def test_the_form_refuses_a_url_in_the_text_and_keeps_what_was_typed(client, publisher, news_index, bousai):
    page = NewsPageFactory(parent=news_index)
    client.force_login(publisher)
    text = "詳しくは https://example.jp/ をご覧ください。"
    response = client.post(f"/admin/line/page/{page.pk}/", {"enabled": "on", "text": text, "category": bousai.pk})
    html = response.content.decode()
    assert "文章にURLは書けません" in html and text in html
    assert not PageLineMessage.objects.exists()


def test_the_form_refuses_text_over_the_limit(client, publisher, news_index, bousai):
    page = NewsPageFactory(parent=news_index)
    client.force_login(publisher)
    response = client.post(f"/admin/line/page/{page.pk}/", {"enabled": "on", "text": "あ" * 501, "category": bousai.pk})
    assert "500文字以内で入力してください（現在501文字）" in response.content.decode()


def test_the_form_needs_alt_text_for_an_image(client, publisher, news_index, bousai):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="避難所", file=get_test_image_file())
    page = NewsPageFactory(parent=news_index)
    client.force_login(publisher)
    response = client.post(
        f"/admin/line/page/{page.pk}/",
        {"enabled": "on", "text": "避難所を開設しました。", "category": bousai.pk, "image": image.pk},
    )
    assert "代替テキストを入力してください" in response.content.decode()


def test_a_saved_message_is_previewed_as_on_a_phone(client, publisher, news_index, bousai, line_server):
    page = NewsPageFactory(parent=news_index)
    client.force_login(publisher)
    response = client.post(
        f"/admin/line/page/{page.pk}/", {"enabled": "on", "text": "避難所を開設しました。", "category": bousai.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "LINE配信の設定を保存しました。ページを公開したときに配信します。" in html
    assert "スマートフォンでの表示（イメージ）" in html and "避難所を開設しました。" in html
    assert page.full_url in html


def test_without_a_token_the_form_says_it_is_not_configured(client, publisher, news_index, monkeypatch):
    monkeypatch.delenv("LINE_CHANNEL_ACCESS_TOKEN", raising=False)
    page = NewsPageFactory(parent=news_index)
    client.force_login(publisher)
    html = client.get(f"/admin/line/page/{page.pk}/").content.decode()
    assert "市公式LINEとの連携が設定されていないため、LINEには配信されません。" in html


def test_the_log_is_for_the_publicity_division_only(client, publisher, division_editor):
    LineDelivery.objects.create(source="大雨", text="避難所を開設しました。", category_name="防災")
    client.force_login(division_editor)
    assert client.get("/admin/line/log/").status_code in (302, 403)
    client.force_login(publisher)
    html = client.get("/admin/line/log/").content.decode()
    assert "避難所を開設しました。" in html and "防災（友だち全員）" in html


def test_the_csv_export_is_spreadsheet_safe(client, publisher):
    LineDelivery.objects.create(source="=HYPERLINK(\"x\")", text="お知らせ", category_name="くらし",
                                requested_by_name="広報太郎", request_id="abc", status=LineDelivery.SENT)
    client.force_login(publisher)
    response = client.get("/admin/line/log/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["記録日時", "配信日時", "配信元"]
    assert rows[1][2].startswith("'=") and rows[1][9] == "abc" and rows[1][10] == "配信済み"


def test_the_publicity_division_sends_an_emergency_notice_at_once(client, publisher, bousai, line_server,
                                                                  django_capture_on_commit_callbacks, city_home):
    notice = EmergencyNoticeFactory()
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/line/now/", {"source": f"notice:{notice.pk}", "text": "避難指示を発令しました。",
                                         "category": bousai.pk, "confirm": "on"})
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT and delivery.requested_by_name == "広報太郎"
    assert delivery.how == "緊急情報（承認なしで即時配信）" and len(line_server.delivered) == 1


def test_a_division_editor_cannot_send_at_once(client, division_editor):
    client.force_login(division_editor)
    assert client.get("/admin/line/now/").status_code in (302, 403)


def test_the_add_friend_box_has_the_link_and_a_described_qr_code(city_home):
    site = Site.objects.get(hostname="city.test")
    LineSettings.objects.create(site=site, line_id="@sukagawa_city", add_friend_url="https://line.me/R/ti/p/@sukagawa_city")
    request = RequestFactory().get("/", HTTP_HOST="city.test")
    html = Template("{% load line_tags %}{% line_friend %}").render(RequestContext(request, {}))
    assert 'href="https://line.me/R/ti/p/@sukagawa_city"' in html and "LINEで友だち追加する" in html
    assert 'role="img" aria-label="須賀川市公式LINEの友だち追加用QRコード' in html and "<svg" in html


def test_the_add_friend_box_is_absent_until_the_city_sets_it(city_home):
    request = RequestFactory().get("/", HTTP_HOST="city.test")
    assert Template("{% load line_tags %}{% line_friend %}").render(RequestContext(request, {})).strip() == ""


def test_followers_are_read_daily_and_shown_in_the_plan_indicators(client, publisher, line_server, city_home):
    line_server.followers = {"20261104": 8123}
    call_command("line_followers", "--date", "2026-11-04", stdout=io.StringIO())
    assert FollowerCount.objects.get(date=datetime.date(2026, 11, 4)).followers == 8123
    from indicators.permissions import ensure_indicator_permissions

    ensure_indicator_permissions()
    client.force_login(publisher)
    html = client.get("/admin/reports/keikaku-shihyo/", {"year": 2026}).content.decode()
    assert "9-12 市公式LINEの利活用推進" in html
    assert "2,528人（令和2年度末）" in html and "10,000人（令和6年度末）" in html and "8,123人" in html
