"""Wagtail's user forms with the Japanese name: 姓 before 名, each with its reading (for 五十音順 lists)."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm

NAME_FIELDS = ["last_name", "first_name", "last_name_kana", "first_name_kana"]
KANA_HELP = "ひらがなで入力してください。一覧を五十音順に並べるのに使います。"


class JapaneseNameFields(forms.Form):
    last_name = forms.CharField(required=True, label="姓", max_length=150)
    first_name = forms.CharField(required=True, label="名", max_length=150)
    last_name_kana = forms.CharField(required=False, label="姓（よみ）", max_length=150, help_text=KANA_HELP)
    first_name_kana = forms.CharField(required=False, label="名（よみ）", max_length=150, help_text=KANA_HELP)


class CityUserCreationForm(UserCreationForm):
    last_name = JapaneseNameFields.base_fields["last_name"]
    first_name = JapaneseNameFields.base_fields["first_name"]
    last_name_kana = JapaneseNameFields.base_fields["last_name_kana"]
    first_name_kana = JapaneseNameFields.base_fields["first_name_kana"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"last_name_kana", "first_name_kana"}


class CityUserEditForm(UserEditForm):
    last_name = JapaneseNameFields.base_fields["last_name"]
    first_name = JapaneseNameFields.base_fields["first_name"]
    last_name_kana = JapaneseNameFields.base_fields["last_name_kana"]
    first_name_kana = JapaneseNameFields.base_fields["first_name_kana"]

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"last_name_kana", "first_name_kana"}
