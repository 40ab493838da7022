"""Validation of each field of the application form, with the Japanese message a resident sees."""

import pytest

from water.forms import WaterApplicationForm

from .conftest import valid_data


def errors_for(**overrides):
    form = WaterApplicationForm(valid_data(**overrides))
    form.is_valid()
    return form.errors


def cleaned(**overrides):
    form = WaterApplicationForm(valid_data(**overrides))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_valid_application_passes():
    assert errors_for() == {}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("application_type", "申込種別を選んでください。"),
        ("address", "使用場所の住所を入力してください。"),
        ("name", "使用者氏名を入力してください。"),
        ("name_kana", "フリガナを入力してください。"),
        ("phone", "電話番号を入力してください。"),
        ("preferred_date", "希望日を入力してください。"),
        ("agree", "申し込むには、個人情報の取扱いに同意してください。"),
    ],
)
def test_required_fields_have_japanese_messages(field, message):
    assert errors_for(**{field: ""})[field] == [message]


def test_optional_fields_may_be_empty():
    assert errors_for(customer_number="", email="", note="") == {}


def test_application_type_must_be_one_of_the_choices():
    assert "申込種別は" in errors_for(application_type="demolish")["application_type"][0]


@pytest.mark.parametrize("kana", ["スカガワ タロウ", "スカガワ　タロウ", "ｽｶｶﾞﾜ ﾀﾛｳ", "ヴァン・デル・ベーク"])
def test_katakana_is_accepted_and_half_width_kana_normalised(kana):
    assert errors_for(name_kana=kana) == {}


def test_half_width_kana_is_stored_full_width():
    assert cleaned(name_kana="ｽｶｶﾞﾜ ﾀﾛｳ")["name_kana"] == "スカガワ タロウ"


def test_hiragana_furigana_is_refused_with_a_hint():
    assert errors_for(name_kana="すかがわ たろう")["name_kana"] == [
        "フリガナはひらがなではなく全角カタカナで入力してください。"
    ]


@pytest.mark.parametrize("kana", ["Sukagawa Taro", "須賀川", "スカガワ1"])
def test_non_katakana_furigana_is_refused(kana):
    assert errors_for(name_kana=kana)["name_kana"][0].startswith("フリガナは全角カタカナで入力してください。")


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("0248-75-1111", "0248-75-1111"),
        ("0248751111", "0248751111"),
        ("(0248)75-1111", "(0248)75-1111"),
        ("０２４８－７５－１１１１", "0248-75-1111"),
        ("090-1234-5678", "090-1234-5678"),
        ("080 1234 5678", "080 1234 5678"),
        ("050-1234-5678", "050-1234-5678"),
        ("0120-123-456", "0120-123-456"),
    ],
)
def test_japanese_phone_formats_are_accepted_and_kept_as_written(phone, stored):
    assert cleaned(phone=phone)["phone"] == stored


@pytest.mark.parametrize(
    "phone", ["75-1111", "0248-75-111", "090-1234-567", "1248751111", "電話番号", "+81 248 75 1111"]
)
def test_wrong_phone_numbers_are_refused(phone):
    assert errors_for(phone=phone)["phone"][0].startswith("電話番号は市外局番から")


def test_customer_number_digits_only():
    assert cleaned(customer_number="１２３４５６")["customer_number"] == "123456"
    assert cleaned(customer_number="12-3456")["customer_number"] == "123456"
    assert errors_for(customer_number="12A456")["customer_number"] == [
        "お客さま番号は数字のみで入力してください。"
    ]


def test_email_format_is_checked():
    assert errors_for(email="taro@")["email"] == [
        "メールアドレスの形式が正しくありません。例：taro@example.jp"
    ]


def test_stopping_needs_settlement_and_forwarding_address():
    errors = errors_for(application_type="stop")
    assert errors["settlement_method"] == ["使用中止の場合は精算方法を選んでください。"]
    assert errors["forwarding_address"] == ["使用中止の場合は転居先住所を入力してください。"]
    assert (
        errors_for(application_type="stop", settlement_method="slip", forwarding_address="郡山市朝日1-1-1")
        == {}
    )


def test_stop_only_fields_are_dropped_for_other_types():
    data = cleaned(
        application_type="transfer", settlement_method="slip", forwarding_address="郡山市朝日1-1-1"
    )
    assert data["settlement_method"] == "" and data["forwarding_address"] == ""


def test_very_long_input_gets_a_length_message():
    errors = errors_for(address="あ" * 5000, note="い" * 1001, name="う" * 101)
    assert errors["address"] == ["使用場所の住所は200文字以内で入力してください（現在5000文字）。"]
    assert errors["note"] == ["備考は1000文字以内で入力してください（現在1001文字）。"]
    assert "使用者氏名は100文字以内" in errors["name"][0]


def test_nul_bytes_are_refused_in_japanese():
    errors = errors_for(
        name="須賀川\x00太郎", note="\x00", preferred_date="2026-12-01\x00", application_type="\x00"
    )
    assert errors["name"] == ["使用者氏名に使えない文字が含まれています。"]
    assert errors["note"] == ["備考に使えない文字が含まれています。"]
    assert "preferred_date" in errors and "application_type" in errors


@pytest.mark.parametrize("value", ["2026-02-30", "明日", "12/01", "99999-01-01"])
def test_unparseable_dates_get_a_format_hint(value):
    assert errors_for(preferred_date=value)["preferred_date"] == [
        "希望日は「2026-12-01」または「2026/12/01」の形で入力してください。"
    ]
