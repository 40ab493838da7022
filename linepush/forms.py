"""「LINEで配信」 of a page, checked against LINE's limits before anything can be published."""

import re

from django import forms
from wagtail.images.widgets import AdminImageChooser

from linepush.models import DeliveryCategory, PageLineMessage

# LINE accepts 5,000 characters in a text message; residents read it on a phone screen, so the city
# keeps it short. The page's address is added as the message's one link.
TEXT_MAX = 500
LINE_TEXT_MAX = 5000
URL_RE = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
IMAGE_FORMATS = {"jpeg", "jpg", "png"}
IMAGE_MAX_BYTES = 10 * 1024 * 1024


class PageLineMessageForm(forms.ModelForm):
    class Meta:
        model = PageLineMessage
        fields = ["enabled", "text", "category", "image", "image_alt", "send_again"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
            "image": AdminImageChooser,
        }
        help_texts = {
            "text": f"{TEXT_MAX}文字までです。ページのURLが最後に自動で付きます（リンクは1つまで）。",
            "image_alt": "画像を付けるときは必ず入力してください。画像の内容を短い文章で説明します。",
        }

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        language = page.locale.language_code if page.locale_id else "ja"
        self.fields["category"].queryset = DeliveryCategory.objects.filter(language=language)
        self.fields["category"].empty_label = "（選んでください）"
        self.page_url_length = len(page.full_url or "") + 1

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) > TEXT_MAX:
            self.add_error("text", f"{TEXT_MAX}文字以内で入力してください（現在{len(text)}文字）。")
        elif len(text) + self.page_url_length > LINE_TEXT_MAX:
            self.add_error("text", f"ページのURLと合わせて、LINEの上限{LINE_TEXT_MAX:,}文字を超えています。")
        if URL_RE.search(text):
            self.add_error(
                "text",
                "文章にURLは書けません。LINEで送るリンクは1つまでで、このページのURLが自動で付きます。",
            )
        return text

    def clean(self):
        data = super().clean()
        if data.get("enabled"):
            if not data.get("text"):
                self.add_error("text", "LINEで配信する場合は、配信する文章を入力してください。")
            if not data.get("category"):
                self.add_error("category", "配信区分を選んでください。")
        image = data.get("image")
        if image is not None:
            if not data.get("image_alt", "").strip():
                self.add_error(
                    "image_alt", "画像を付ける場合は、代替テキストを入力してください（画像の内容の説明）。"
                )
            extension = image.file.name.rsplit(".", 1)[-1].lower()
            if extension not in IMAGE_FORMATS:
                self.add_error("image", "LINEで送れる画像はJPEGかPNGだけです。")
            elif image.file_size and image.file_size > IMAGE_MAX_BYTES:
                self.add_error("image", "LINEで送れる画像は10MBまでです。")
        return data


class SendNowForm(forms.Form):
    """緊急情報 sent at once by 秘書広報課, without the ordinary approval."""

    source = forms.ChoiceField(label="配信する緊急情報")
    text = forms.CharField(
        label="配信する文章", widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
        help_text=f"{TEXT_MAX}文字までです。市のサイトのURLが最後に自動で付きます。",
    )
    category = forms.ModelChoiceField(
        label="配信区分", queryset=DeliveryCategory.objects.filter(language="ja"), empty_label="（選んでください）"
    )
    confirm = forms.BooleanField(
        label="承認を経ずに、いますぐ配信することを確認しました", required=True,
        error_messages={"required": "いますぐ配信する場合は、確認の欄にチェックを入れてください。"},
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) > TEXT_MAX:
            raise forms.ValidationError(f"{TEXT_MAX}文字以内で入力してください（現在{len(text)}文字）。")
        if URL_RE.search(text):
            raise forms.ValidationError("文章にURLは書けません。市のサイトのURLが自動で付きます。")
        return text
