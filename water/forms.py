"""開栓・閉栓の申込みフォーム: every message in Japanese, every value normalised the way residents type it."""

import re
import unicodedata

from django import forms

from water.business_days import (
    CLOSED_DAYS_TEXT,
    describe_day,
    earliest_day_text,
    earliest_preferred_date,
    holiday_name,
    is_business_day,
    is_year_end_closure,
    latest_preferred_date,
)
from water.models import ApplicationType, SettlementMethod

KATAKANA = re.compile(r"^[ァ-ヴー・\s]+$")
HIRAGANA = re.compile(r"[ぁ-ゖ]")
# Japanese numbers: 10 digits from 0 (fixed lines, 0120), 11 digits from 050/070/080/090 (IP, mobile).
# [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits (NFKC keeps those as they are).
PHONE = re.compile(r"^((?!0[5789]0)0[1-9][0-9]{8}|0[5789]0[0-9]{8})$")
DIGITS = re.compile(r"^[0-9]+$")


def nfkc(value):
    """Full-width digits and letters to half-width, half-width kana to full-width."""
    return unicodedata.normalize("NFKC", value or "").strip()


def required(label):
    return {
        "required": f"{label}を入力してください。",
        "null_characters_not_allowed": f"{label}に使えない文字が含まれています。",
    }


def text_field(label, max_length, required_=True, **kwargs):
    messages = required(label)
    messages["max_length"] = f"{label}は{max_length}文字以内で入力してください（現在%(show_value)d文字）。"
    return forms.CharField(
        label=label, max_length=max_length, required=required_, error_messages=messages, **kwargs
    )


class WaterApplicationForm(forms.Form):
    """Fields in the order of the paper form the 経営課 uses today."""

    application_type = forms.ChoiceField(
        label="申込種別",
        choices=ApplicationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "申込種別を選んでください。",
            "invalid_choice": "申込種別は「使用開始」「使用中止」「名義変更」から選んでください。",
        },
    )
    address = text_field(
        "使用場所の住所",
        200,
        help_text="水道を使う（使っていた）場所の住所です。例：須賀川市八幡町135　〇〇アパート101号室",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    customer_number = text_field(
        "お客さま番号",
        20,
        required_=False,
        help_text="検針票や領収書に書かれている番号です（数字のみ）。わからない場合は空欄で構いません。",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = text_field("使用者氏名", 100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    name_kana = text_field(
        "フリガナ",
        100,
        help_text="全角カタカナで入力してください。例：スカガワ　タロウ",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = text_field(
        "電話番号",
        20,
        help_text="日中に連絡がとれる番号です。例：0248-75-1111、090-1234-5678",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="メールアドレス",
        required=False,
        max_length=254,
        help_text="入力すると、受付番号を書いた受付確認のメールをお送りします。",
        error_messages={
            "invalid": "メールアドレスの形式が正しくありません。例：taro@example.jp",
            "max_length": "メールアドレスは254文字以内で入力してください。",
            "null_characters_not_allowed": "メールアドレスに使えない文字が含まれています。",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_date = forms.DateField(
        label="希望日",
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        error_messages={
            "required": "希望日を入力してください。",
            "invalid": "希望日は「2026-12-01」または「2026/12/01」の形で入力してください。",
        },
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    settlement_method = forms.ChoiceField(
        label="精算方法",
        required=False,
        choices=SettlementMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "精算方法は一覧から選んでください。"},
    )
    forwarding_address = text_field(
        "転居先住所",
        200,
        required_=False,
        help_text="最後の料金のお知らせや納付書の送り先です。",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = text_field(
        "備考",
        1000,
        required_=False,
        help_text="立ち会いの希望、メーターの場所など、お伝えしたいことがあれば書いてください。",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agree = forms.BooleanField(
        label="個人情報の取扱いに同意します",
        error_messages={"required": "申し込むには、個人情報の取扱いに同意してください。"},
    )
    # Honeypot: hidden from people (and assistive technology); robots fill every field they find.
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, today=None, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)
        # Required only for 使用中止: the label says so without JavaScript; apply.js marks them
        # 必須 (aria-required) when 使用中止 is chosen and hides them for the other types.
        for name in ("settlement_method", "forwarding_address"):
            self.fields[name].required_for = "stop"
        earliest = earliest_preferred_date(today)
        latest = latest_preferred_date(today)
        self.fields["preferred_date"].help_text = (
            f"{describe_day(earliest)}から{describe_day(latest)}までの、{CLOSED_DAYS_TEXT}を除く日を"
            f"選んでください（{earliest_day_text()}）。"
        )
        self.fields["preferred_date"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_customer_number(self):
        value = nfkc(self.cleaned_data.get("customer_number")).replace("-", "").replace(" ", "")
        if value and not DIGITS.match(value):
            raise forms.ValidationError("お客さま番号は数字のみで入力してください。")
        return value

    def clean_address(self):
        return nfkc(self.cleaned_data.get("address"))

    def clean_forwarding_address(self):
        return nfkc(self.cleaned_data.get("forwarding_address"))

    def clean_name(self):
        return re.sub(r"\s+", " ", nfkc(self.cleaned_data.get("name")))

    def clean_name_kana(self):
        value = re.sub(r"\s+", " ", nfkc(self.cleaned_data.get("name_kana")))
        if HIRAGANA.search(value):
            raise forms.ValidationError("フリガナはひらがなではなく全角カタカナで入力してください。")
        if not KATAKANA.match(value):
            raise forms.ValidationError("フリガナは全角カタカナで入力してください。例：スカガワ　タロウ")
        return value

    def clean_phone(self):
        raw = nfkc(self.cleaned_data.get("phone"))
        digits = re.sub(r"[-‐－―ー()（）\s]", "", raw)
        if not PHONE.match(digits):
            raise forms.ValidationError(
                "電話番号は市外局番から、固定電話は10桁、携帯電話は11桁で入力してください。例：0248-75-1111"
            )
        # Stored and shown as the resident wrote it (half-width, one kind of hyphen): 確認 must show
        # the number they typed, and staff call it as written. Only the digits are validated.
        written = re.sub(r"[‐－―ー]", "-", raw)
        return re.sub(r"\s+", " ", written).strip()

    def clean_preferred_date(self):
        day = self.cleaned_data["preferred_date"]
        earliest = earliest_preferred_date(self.today)
        latest = latest_preferred_date(self.today)
        if day < earliest:
            raise forms.ValidationError(
                f"希望日は、{earliest_day_text().removesuffix('以降')}の{describe_day(earliest)}以降の日を選んでください。"
            )
        if day > latest:
            raise forms.ValidationError(f"希望日は{describe_day(latest)}までの日を選んでください。")
        if not is_business_day(day):
            if is_year_end_closure(day):
                reason = "年末年始（12月29日から1月3日）"
            elif holiday_name(day):
                reason = "祝日"
            else:
                reason = "土曜日・日曜日"
            raise forms.ValidationError(
                f"{describe_day(day)}は{reason}のため作業ができません。別の日を選んでください。"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("application_type") == ApplicationType.STOP:
            if not cleaned.get("settlement_method"):
                self.add_error("settlement_method", "使用中止の場合は精算方法を選んでください。")
            if not cleaned.get("forwarding_address"):
                self.add_error("forwarding_address", "使用中止の場合は転居先住所を入力してください。")
        else:
            # Only meaningful when stopping; dropped so that the record holds no stray data.
            cleaned["settlement_method"] = ""
            cleaned["forwarding_address"] = ""
        return cleaned

    def to_model_fields(self):
        return {name: value for name, value in self.cleaned_data.items() if name not in ("agree", "website")}

    # The session keeps the cleaned values between the input and the confirmation step.
    def to_session(self):
        data = {name: value for name, value in self.cleaned_data.items() if name not in ("agree", "website")}
        data["preferred_date"] = data["preferred_date"].isoformat()
        return data

    @classmethod
    def initial_from_session(cls, data):
        initial = dict(data)
        initial["agree"] = True
        return initial
