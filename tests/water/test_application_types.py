"""The form, the done page and the receipt follow the chosen 申込種別 (使用開始・使用中止・名義変更)."""

import re

import pytest
from django.core import mail

from tests.html import parse

from .conftest import valid_data

pytestmark = pytest.mark.django_db

STOP = {
    "application_type": "stop",
    "settlement_method": "slip",
    "forwarding_address": "郡山市朝日1-1-1",
}


def apply(client, **overrides):
    response = client.post("/apply/", {"action": "confirm", **valid_data(**overrides)})
    token = re.search(r'name="token" value="([0-9a-f-]+)"', response.content.decode()).group(1)
    client.post("/apply/", {"action": "submit", "token": token})
    return client.get("/apply/?step=done")


def test_stop_fields_say_they_are_required_for_a_stop_without_javascript(water_client, apply_page):
    doc = parse(water_client.get("/apply/"))
    group = doc.select_one("[data-required-for='stop']")
    legend = group.select_one("#id_settlement_method legend").get_text()
    label = group.select_one("label[for='id_forwarding_address']").get_text()
    assert "（使用中止の場合は必須）" in legend and "（使用中止の場合は必須）" in label
    assert "任意" not in group.get_text()


def test_stop_request_done_page_speaks_of_final_reading_and_settlement(water_client, apply_page):
    apply_page.completion_text = "<p>使用開始の場合、メーターボックスの中のバルブを開けると水が出ます。</p>"
    apply_page.save()
    text = parse(apply(water_client, **STOP)).get_text()
    assert "最後の使用水量" in text and "納付書（転居先へ郵送）" in text
    assert "バルブを開けると水が出ます" not in text


def test_start_request_done_page_gives_the_valve_advice(water_client, apply_page):
    apply_page.completion_text = "<p>使用開始の場合、メーターボックスの中のバルブを開けると水が出ます。</p>"
    apply_page.save()
    text = parse(apply(water_client)).get_text()
    assert "バルブを開けると水が出ます" in text
    assert "最後の使用水量" not in text


def test_stop_request_receipt_mail_speaks_of_settlement(
    water_client, apply_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(water_client, **STOP)
    receipt = [message for message in mail.outbox if message.to == ["taro@example.jp"]][0]
    assert "最後の使用水量" in receipt.body and "精算" in receipt.body
    assert "バルブを開けると" not in receipt.body
