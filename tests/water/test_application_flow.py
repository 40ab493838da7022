"""The application page: 入力 → 確認 → 完了, the 受付番号, double submission, e-mails, abuse."""

import logging
import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from water.models import WaterApplication

from .conftest import valid_data

PERSONAL = [
    "須賀川 太郎",
    "スカガワ タロウ",
    "八幡町135",
    "0248751111",
    "0248-75-1111",
    "taro@example.jp",
    "メーターは玄関",
]


def confirm(client, **overrides):
    return client.post("/apply/", {"action": "confirm", **valid_data(**overrides)})


def token_of(response):
    return re.search(r'name="token" value="([0-9a-f-]+)"', response.content.decode()).group(1)


def submit(client, token):
    return client.post("/apply/", {"action": "submit", "token": token})


def test_form_page_shows_every_field(water_client, apply_page):
    html = water_client.get("/apply/").content.decode()
    for label in [
        "申込種別",
        "使用場所の住所",
        "お客さま番号",
        "使用者氏名",
        "フリガナ",
        "電話番号",
        "メールアドレス",
        "希望日",
        "精算方法",
        "転居先住所",
        "備考",
        "個人情報の取扱いに同意します",
    ]:
        assert label in html
    assert 'aria-current="step">' in html and "入力" in html


def test_errors_are_listed_in_a_summary_linking_to_the_fields_and_input_is_kept(water_client, apply_page):
    response = confirm(water_client, name="", phone="12345", address="須賀川市八幡町135 ハイツ101")
    html = response.content.decode()
    assert response.status_code == 200
    assert "入力内容に2件のエラーがあります" in html
    assert '<a href="#id_name">使用者氏名：使用者氏名を入力してください。</a>' in html
    assert '<a href="#id_phone">電話番号：' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_phone_help id_phone_error"' in html
    assert 'value="須賀川市八幡町135 ハイツ101"' in html  # kept
    assert 'value="12345"' in html  # kept as typed, so it can be corrected
    assert WaterApplication.objects.count() == 0


def test_radio_error_links_to_the_first_choice(water_client, apply_page):
    html = confirm(water_client, application_type="").content.decode()
    assert '<a href="#id_application_type_0">' in html


def test_confirmation_shows_the_input_and_stores_nothing(water_client, apply_page):
    response = confirm(water_client, note="立ち会いを希望します")
    html = response.content.decode()
    assert "入力内容の確認" in html
    assert "須賀川 太郎" in html and "立ち会いを希望します" in html and "使用開始" in html
    assert "この内容で申し込む" in html
    assert WaterApplication.objects.count() == 0


def test_going_back_to_edit_keeps_everything(water_client, apply_page):
    confirm(water_client, note="立ち会いを希望します")
    html = water_client.post("/apply/", {"action": "edit"}).content.decode()
    assert 'value="須賀川 太郎"' in html and "立ち会いを希望します" in html
    assert "checked" in html  # agreement and type kept


def test_submission_stores_the_application_and_shows_the_reception_number(water_client, apply_page):
    response = submit(water_client, token_of(confirm(water_client)))
    assert response.status_code == 303 and response["Location"] == "/apply/?step=done"
    application = WaterApplication.objects.get()
    today = timezone.localdate()
    assert application.reception_number == f"W-{today:%Y%m%d}-0001"
    assert application.name == "須賀川 太郎" and application.phone == "0248-75-1111"
    assert application.status_changes.count() == 1
    html = water_client.get("/apply/?step=done").content.decode()
    assert "申込みを受け付けました" in html and application.reception_number in html


def test_double_click_creates_one_application(water_client, apply_page):
    token = token_of(confirm(water_client))
    first = submit(water_client, token)
    second = submit(water_client, token)
    assert first.status_code == second.status_code == 303
    assert WaterApplication.objects.count() == 1
    assert application_number_on_done_page(water_client) == WaterApplication.objects.get().reception_number


def application_number_on_done_page(client):
    return re.search(r"W-\d{8}-\d{4}", client.get("/apply/?step=done").content.decode()).group(0)


def test_reloading_the_completion_page_creates_nothing(water_client, apply_page):
    submit(water_client, token_of(confirm(water_client)))
    for _ in range(3):
        assert water_client.get("/apply/?step=done").status_code == 200
    assert WaterApplication.objects.count() == 1


def test_completion_page_without_a_submission_goes_back_to_the_form(water_client, apply_page):
    response = water_client.get("/apply/?step=done")
    assert response.status_code == 302 and response["Location"] == "/apply/"


def test_completion_page_outside_office_hours_says_when_staff_will_look(
    water_client, apply_page, monkeypatch
):
    submit(water_client, token_of(confirm(water_client)))
    monkeypatch.setattr("water.views.is_office_open", lambda moment: False)
    html = water_client.get("/apply/?step=done").content.decode()
    assert "現在は受付時間外です。" in html and "午前8時30分以降に、担当者が内容を確認します。" in html


# A fixed well-formed UUID that no confirmation issued: a random one would give each xdist worker
# another test id.
@pytest.mark.parametrize(
    "token",
    ["", "not-a-uuid", "\x00", "a" * 5000, "3f2b8c1e-7d4a-4e6b-9a0c-5b1d2e3f4a5b"],
    ids=["empty", "not-uuid", "nul", "long", "unissued-uuid"],
)
def test_submit_with_missing_or_wrong_token_is_refused_without_storing(water_client, apply_page, token):
    confirm(water_client)
    response = water_client.post("/apply/", {"action": "submit", "token": token})
    assert response.status_code == 400
    assert "申込みを送信できませんでした" in response.content.decode()
    assert WaterApplication.objects.count() == 0


def test_submit_without_a_session_is_refused(client, apply_page, settings):
    response = client.post(
        "/apply/", {"action": "submit", "token": str(uuid.uuid4())}, HTTP_HOST=settings.WATER_HOSTNAME
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "data",
    [
        {"action": "confirm"},
        {"action": "confirm", "application_type": ["start", "stop"], "preferred_date": ["x", "y"]},
        {"action": "confirm", **valid_data(address="住" * 100000, note="\x00" * 10)},
        {"action": "\x00", **valid_data(preferred_date="2026-13-45")},
        {"action": "edit"},
        {"action": "submit"},
        {"action": ["confirm", "submit"], "token": ["x", "y"]},
    ],
)
def test_odd_input_never_makes_a_500(water_client, apply_page, data):
    response = water_client.post("/apply/", data)
    assert response.status_code in (200, 400)


def test_honeypot_filled_in_is_rejected(water_client, apply_page):
    response = confirm(water_client, website="http://spam.example")
    assert response.status_code == 400
    assert "申込みを送信できませんでした" in response.content.decode()


def test_rate_limit_per_client(water_client, apply_page, settings):
    settings.WATER_APPLICATION_RATE_LIMIT = "2/m"
    assert confirm(water_client).status_code == 200
    assert confirm(water_client).status_code == 200
    response = confirm(water_client)
    assert response.status_code == 429
    assert "送信の回数が多すぎます" in response.content.decode()


def test_staff_mail_has_number_and_admin_link_but_no_personal_data(
    water_client, apply_page, settings, django_capture_on_commit_callbacks
):
    settings.WATER_APPLICATION_NOTIFY_EMAILS = ["suido-keiei@city.sukagawa.example"]
    with django_capture_on_commit_callbacks(execute=True):
        submit(water_client, token_of(confirm(water_client, note="メーターは玄関の左です")))
    application = WaterApplication.objects.get()
    staff = next(m for m in mail.outbox if m.to == ["suido-keiei@city.sukagawa.example"])
    text = staff.subject + staff.body
    assert application.reception_number in staff.subject
    assert f"http://localhost/admin/water_applications/edit/{application.pk}/" in staff.body
    for value in PERSONAL + ["使用開始"]:
        assert value not in text


def test_receipt_mail_goes_to_the_applicant(water_client, apply_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(water_client, token_of(confirm(water_client)))
    application = WaterApplication.objects.get()
    receipt = next(m for m in mail.outbox if m.to == ["taro@example.jp"])
    assert application.reception_number in receipt.subject and application.reception_number in receipt.body
    assert "受付日時" in receipt.body and "希望日" in receipt.body


def test_no_receipt_without_an_email_address(water_client, apply_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(water_client, token_of(confirm(water_client, email="")))
    assert WaterApplication.objects.count() == 1
    assert mail.outbox == []


def test_mail_failure_keeps_the_application_and_logs_no_personal_data(
    water_client, apply_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.water.failing_mail.FailingBackend"
    settings.WATER_APPLICATION_NOTIFY_EMAILS = ["suido-keiei@city.sukagawa.example"]
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = submit(water_client, token_of(confirm(water_client)))
    assert response.status_code == 303
    assert WaterApplication.objects.count() == 1
    assert "could not be sent" in caplog.text
    for value in PERSONAL:
        assert value not in caplog.text


def test_confirm_screen_shows_the_phone_number_as_written(water_client, apply_page):
    html = confirm(water_client, phone="０２４８－７５－１１１１").content.decode()
    assert "0248-75-1111" in html
    assert "0248751111" not in html
