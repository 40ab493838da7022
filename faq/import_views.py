"""よくある質問のCSV取り込み in the admin: upload, preview (a dry run with line-numbered problems), import.

The rules are the command's (faq.csvio.import_csv): a malformed row is rejected with its line number
and never stored as something else. What differs is who imports: an editor who may publish the FAQ
index publishes the rows that pass the accessibility checks; everyone else (and every row with an
accessibility error) gets drafts, submitted to the page's approval workflow in the editor's name.
"""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from faq.csvio import CSVFormatError, import_csv
from faq.models import FAQIndexPage

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SESSION_KEY = "faq_csv_import"


def importable_indexes(user):
    """FAQ index pages under which the user may add pages."""
    return [
        index
        for index in FAQIndexPage.objects.order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


def user_may_import(user):
    return bool(importable_indexes(user))


class FAQImportForm(forms.Form):
    index = forms.TypedChoiceField(label="取り込み先の一覧ページ", coerce=int)
    file = forms.FileField(
        label="CSVファイル",
        help_text="文字コードは UTF-8（BOMの有無を問いません）または Shift_JIS（CP932）。5MBまで。",
        error_messages={"required": "CSVファイルを選んでください。", "empty": "CSVファイルが空です。"},
    )

    def __init__(self, *args, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.indexes = {index.pk: index for index in indexes}
        self.fields["index"].choices = [(index.pk, f"{index.title}（{index.url_path}）") for index in indexes]
        self.fields["index"].error_messages["invalid_choice"] = "一覧ページを選んでください。"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("CSVファイルは5MBまでにしてください。")
        return upload


def _render(request, context):
    context.setdefault("page_title", "よくある質問のCSV取り込み")
    context.setdefault("header_icon", "upload")
    return TemplateResponse(request, "faq/admin/import.html", context)


def faq_import_view(request):
    indexes = importable_indexes(request.user)
    if not indexes:
        raise PermissionDenied
    action = request.POST.get("action", "")
    if request.method == "POST" and action in {"import", "cancel"}:
        return _import_stored(request, indexes, action)

    form = FAQImportForm(request.POST or None, request.FILES or None, indexes=indexes)
    if request.method == "POST" and form.is_valid():
        index = form.indexes[form.cleaned_data["index"]]
        data = form.cleaned_data["file"].read()
        may_publish = index.permissions_for_user(request.user).can_publish_subpage()
        try:
            with transaction.atomic():
                result = import_csv(data, index, dry_run=True, publish=may_publish, user=request.user)
                transaction.set_rollback(True)
        except CSVFormatError as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_KEY] = {
                "index": index.pk,
                "name": form.cleaned_data["file"].name,
                "data": base64.b64encode(data).decode("ascii"),
            }
            return _render(
                request,
                {
                    "step": "preview",
                    "result": result,
                    "index": index,
                    "file_name": form.cleaned_data["file"].name,
                    "may_publish": may_publish,
                },
            )
    return _render(request, {"step": "upload", "form": form})


def _import_stored(request, indexes, action):
    stored = request.session.pop(SESSION_KEY, None)
    if action == "cancel":
        messages.info(request, "取り込みを取りやめました。")
        return redirect("faq_import")
    index = {index.pk: index for index in indexes}.get((stored or {}).get("index"))
    if index is None:
        messages.error(
            request, "確認したファイルが見つかりません。もう一度ファイルを選んで確認してください。"
        )
        return redirect("faq_import")
    may_publish = index.permissions_for_user(request.user).can_publish_subpage()
    with transaction.atomic():
        result = import_csv(base64.b64decode(stored["data"]), index, publish=may_publish, user=request.user)
    messages.success(request, f"よくある質問を取り込みました：{result.summary()}")
    return _render(
        request,
        {
            "step": "done",
            "result": result,
            "index": index,
            "file_name": stored["name"],
            "may_publish": may_publish,
        },
    )
