"""Delivery on publish: exactly once, through the background queue, against a local LINE server."""

import datetime
import json
import uuid
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from linepush.models import LineDelivery, PageLineMessage
from tests.linepush.conftest import run_worker

pytestmark = pytest.mark.django_db


def publish(page, user, capture):
    with capture(execute=True):
        page.save_revision(user=user).publish(user=user)


def test_publish_sends_exactly_one_broadcast(line_server, marked_news, publisher, django_capture_on_commit_callbacks):
    page = marked_news(title="大雨に関するお知らせ")
    publish(page, publisher, django_capture_on_commit_callbacks)
    assert line_server.message_posts() == []  # queued, not sent in the request
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT
    assert delivery.requested_by_name == "広報太郎" and delivery.how == "公開（承認なし）"
    assert delivery.request_id and delivery.attempts.count() == 1
    (path, request), = line_server.delivered
    assert path == "/v2/bot/message/broadcast"
    assert request.messages[0].text == f"大雨のため避難所を開設しました。\n{page.full_url}"
    _path, headers, _body = line_server.message_posts()[0]
    assert uuid.UUID(headers["X-Line-Retry-Key"]) == delivery.retry_key


def test_a_category_with_an_audience_is_narrowcast(line_server, marked_news, publisher, bousai,
                                                   django_capture_on_commit_callbacks):
    bousai.audience_group_id = 4389303728991
    bousai.save()
    publish(marked_news(), publisher, django_capture_on_commit_callbacks)
    run_worker()
    (path, request), = line_server.delivered
    assert path == "/v2/bot/message/narrowcast"
    assert request.recipient.audience_group_id == 4389303728991


def test_saving_a_draft_sends_nothing(line_server, marked_news, publisher, django_capture_on_commit_callbacks):
    page = marked_news()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=publisher)
    run_worker()
    assert LineDelivery.objects.count() == 0 and line_server.requests == []


def test_submission_sends_nothing_and_approval_sends_once(line_server, marked_news, publisher, division_editor,
                                                           django_capture_on_commit_callbacks):
    page = marked_news()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=division_editor)
        page.get_workflow().start(page, division_editor)
    run_worker()
    assert LineDelivery.objects.count() == 0 and line_server.requests == []

    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, publisher, "approve")
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT and len(line_server.delivered) == 1
    assert delivery.requested_by_name == "広報太郎" and delivery.how == "承認により公開"


def test_scheduled_page_is_delivered_when_it_goes_live(line_server, marked_news, publisher,
                                                       django_capture_on_commit_callbacks):
    page = marked_news()
    now = timezone.now()
    page.go_live_at = now + datetime.timedelta(hours=2)
    publish(page, publisher, django_capture_on_commit_callbacks)
    assert LineDelivery.objects.count() == 0
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=3)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT and delivery.how == "予約公開"
    assert delivery.requested_by_name == "広報太郎"  # who scheduled it


def test_a_500_then_200_delivers_once_with_two_attempts(line_server, marked_news, publisher,
                                                       django_capture_on_commit_callbacks):
    line_server.script = ["500", "200"]
    publish(marked_news(), publisher, django_capture_on_commit_callbacks)
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT
    assert [a.http_status for a in delivery.attempts.all()] == [500, 200]
    assert len(line_server.delivered) == 1
    keys = {headers["X-Line-Retry-Key"] for _p, headers, _b in line_server.message_posts()}
    assert keys == {str(delivery.retry_key)}


def test_a_timeout_after_line_accepted_is_not_sent_twice(line_server, marked_news, publisher,
                                                         django_capture_on_commit_callbacks):
    line_server.script = ["timeout"]
    publish(marked_news(), publisher, django_capture_on_commit_callbacks)
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.SENT
    assert len(line_server.message_posts()) == 2  # the retry reached LINE, with the same key …
    assert len(line_server.delivered) == 1  # … and LINE answered 409: residents got one message
    assert [a.http_status for a in delivery.attempts.all()] == [None, 409]
    assert delivery.request_id == line_server.accepted_keys[str(delivery.retry_key)]


def test_a_lasting_failure_is_recorded_and_shown(line_server, marked_news, publisher, client,
                                                django_capture_on_commit_callbacks):
    line_server.script = ["500"] * 5
    page = marked_news()
    publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.FAILED and delivery.attempts.count() == 5
    assert line_server.delivered == []
    client.force_login(publisher)
    dashboard = client.get("/admin/").content.decode()
    assert "LINE配信の失敗（1件）" in dashboard
    edit = client.get(f"/admin/pages/{page.pk}/edit/", follow=True).content.decode()
    assert "このページのLINE配信は「失敗」です" in edit


def test_a_bad_request_is_not_retried(line_server, news_index, bousai, publisher,
                                      django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "wrong-token")
    from tests.home.factories import NewsPageFactory

    page = NewsPageFactory(parent=news_index, live=False)
    PageLineMessage.objects.create(page=page, enabled=True, text="お知らせです。", category=bousai)
    publish(page, publisher, django_capture_on_commit_callbacks)
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.FAILED and delivery.attempts.count() == 1
    assert "チャネルアクセストークンが正しくありません" in delivery.error


def test_republishing_sends_again_only_when_the_editor_asks(line_server, marked_news, publisher,
                                                            django_capture_on_commit_callbacks):
    page = marked_news()
    publish(page, publisher, django_capture_on_commit_callbacks)
    publish(page, publisher, django_capture_on_commit_callbacks)
    assert LineDelivery.objects.count() == 1
    PageLineMessage.objects.filter(page=page).update(send_again=True)
    publish(page, publisher, django_capture_on_commit_callbacks)
    publish(page, publisher, django_capture_on_commit_callbacks)
    assert LineDelivery.objects.count() == 2
    assert not PageLineMessage.objects.get(page=page).send_again


def test_without_a_token_nothing_is_sent_and_the_log_says_why(line_server, marked_news, publisher, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    monkeypatch.delenv("LINE_CHANNEL_ACCESS_TOKEN")
    publish(marked_news(), publisher, django_capture_on_commit_callbacks)
    run_worker()
    delivery = LineDelivery.objects.get()
    assert delivery.status == LineDelivery.NOT_CONFIGURED
    assert "LINE_CHANNEL_ACCESS_TOKEN" in delivery.error and "設定されていない" in delivery.error
    assert line_server.requests == []


def test_a_bulk_publish_of_ten_pages_only_queues(line_server, marked_news, publisher, client,
                                                 django_capture_on_commit_callbacks):
    pages = [marked_news() for _ in range(10)]
    for page in pages:
        page.save_revision(user=publisher)
    client.force_login(publisher)
    query = "&".join(f"id={page.pk}" for page in pages)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/bulk/wagtailcore/page/publish/?{query}", {"include_descendants": ""})
    assert response.status_code in (200, 302)
    assert LineDelivery.objects.filter(status=LineDelivery.QUEUED).count() == 10
    assert line_server.requests == []  # the request itself sent nothing
    run_worker()
    assert LineDelivery.objects.filter(status=LineDelivery.SENT).count() == 10
    assert len(line_server.delivered) == 10


def test_the_request_shape_is_what_the_sdk_models_accept(line_server, marked_news, publisher,
                                                         django_capture_on_commit_callbacks):
    publish(marked_news(), publisher, django_capture_on_commit_callbacks)
    run_worker()
    _path, headers, body = line_server.message_posts()[0]
    assert headers["Authorization"] == "Bearer test-channel-access-token"
    assert json.loads(body)["messages"][0]["type"] == "text"
