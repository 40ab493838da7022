"""Staff admin of the water site: applications (経営課 only) and water-quality data."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from water.applications import change_status
from water.models import (
    ApplicationStatus,
    ApplicationType,
    WaterApplication,
    WaterQualityItem,
    WaterQualityResult,
    WaterQualitySamplingPoint,
)
from water.quality import ImportError_, import_results, parse_month


class WaterApplicationFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label="状態", choices=ApplicationStatus.choices, empty_label="すべて")
    application_type = ChoiceFilter(label="申込種別", choices=ApplicationType.choices, empty_label="すべて")
    received_at = DateFromToRangeFilter(label="受付日", widget=DateRangePickerWidget)

    class Meta:
        model = WaterApplication
        fields = ["status", "application_type", "received_at"]


class ApplicationStatusForm(forms.ModelForm):
    note = forms.CharField(
        label="メモ（任意）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="状態を変えた理由や、お客さまとの連絡の内容を記録します。",
    )

    class Meta:
        model = WaterApplication
        fields = ["status"]


class WaterApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .only("pk", "reception_number", "received_at", "application_type", "status", "preferred_date")
        )


class WaterApplicationEditView(EditView):
    template_name = "water/admin/application_edit.html"
    success_message = "受付番号 %(object)s の状態を更新しました。"

    def get_form_class(self):
        return ApplicationStatusForm

    def save_instance(self):
        application = self.form.instance
        new_status = self.form.cleaned_data["status"]
        application.status = WaterApplication.objects.values_list("status", flat=True).get(pk=application.pk)
        change_status(application, new_status, self.request.user, self.form.cleaned_data.get("note", ""))
        # Wagtail's history shows who touched the record; its label is the 受付番号 only (__str__).
        log(instance=application, action="wagtail.edit", user=self.request.user)
        return application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.object
        context["status_changes"] = self.object.status_changes.select_related("changed_by")
        return context


class WaterApplicationViewSet(ModelViewSet):
    model = WaterApplication
    name = "water_applications"
    icon = "mail"
    menu_label = "開栓・閉栓の申込み"
    menu_order = 100
    index_view_class = WaterApplicationIndexView
    edit_view_class = WaterApplicationEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["reception_number", "received_at", "application_type", "status", "preferred_date"]
    filterset_class = WaterApplicationFilterSet
    search_fields = ["reception_number"]
    search_backend_name = None
    list_per_page = 50
    list_export = [
        "reception_number",
        "received_at",
        "get_application_type_display",
        "get_status_display",
        "preferred_date",
        "address",
        "customer_number",
        "name",
        "name_kana",
        "phone",
        "email",
        "get_settlement_method_display",
        "forwarding_address",
        "note",
        "closed_at",
    ]
    export_headings = {
        "reception_number": "受付番号",
        "received_at": "受付日時",
        "get_application_type_display": "申込種別",
        "get_status_display": "状態",
        "preferred_date": "希望日",
        "address": "使用場所の住所",
        "customer_number": "お客さま番号",
        "name": "使用者氏名",
        "name_kana": "フリガナ",
        "phone": "電話番号",
        "email": "メールアドレス",
        "get_settlement_method_display": "精算方法",
        "forwarding_address": "転居先住所",
        "note": "備考",
        "closed_at": "完了・取消の日時",
    }
    export_filename = "water-applications"
    form_fields = ["status"]


class QualityImportForm(forms.Form):
    month = forms.CharField(
        label="検査月",
        required=False,
        max_length=20,
        help_text="例：2026-10。空欄の場合はCSVの「検査月」の列を使います。",
    )
    file = forms.FileField(
        label="CSVファイル",
        help_text="1行目に「検査月」「採水地点」「検査項目」「結果」の列名を書いたCSV（UTF-8またはShift_JIS、1MBまで）。",
        error_messages={"required": "CSVファイルを選んでください。", "empty": "CSVファイルが空です。"},
    )

    def clean_month(self):
        text = self.cleaned_data.get("month", "")
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError("検査月は「2026-10」の形で入力してください。")
        return month

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("CSVファイルは1MBまでにしてください。")
        return upload


def quality_import_view(request):
    user = request.user
    if not (
        user.has_perm("water.add_waterqualityresult") and user.has_perm("water.change_waterqualityresult")
    ):
        raise PermissionDenied
    form = QualityImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created, updated = import_results(form.cleaned_data["file"].read(), form.cleaned_data["month"])
        except ImportError_ as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request, f"水質検査結果を取り込みました（新規 {created} 件、更新 {updated} 件）。"
            )
            return redirect("water_quality_results:index")
    return TemplateResponse(
        request,
        "water/admin/quality_import.html",
        {"form": form, "page_title": "水質検査結果のCSV取り込み", "header_icon": "upload"},
    )


class WaterQualityResultIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        user = self.request.user
        if user.has_perm("water.add_waterqualityresult") and user.has_perm("water.change_waterqualityresult"):
            buttons.append(
                HeaderButton("CSVを取り込む", url=reverse("water_quality_import"), icon_name="upload")
            )
        return buttons


class WaterQualityResultViewSet(ModelViewSet):
    model = WaterQualityResult
    name = "water_quality_results"
    icon = "table"
    menu_label = "水質検査結果"
    index_view_class = WaterQualityResultIndexView
    list_display = ["month", "sampling_point", "item", "value", "exceeds_standard"]
    list_filter = ["month", "sampling_point", "item"]
    form_fields = ["month", "sampling_point", "item", "value"]
    copy_view_enabled = False


class WaterQualityItemViewSet(ModelViewSet):
    model = WaterQualityItem
    name = "water_quality_items"
    icon = "list-ul"
    menu_label = "水質検査項目と基準値"
    list_display = ["name", "unit", "standard_text", "sort_order"]
    form_fields = [
        "name",
        "unit",
        "standard_text",
        "standard_min",
        "standard_max",
        "must_not_be_detected",
        "sort_order",
    ]
    copy_view_enabled = False


class WaterQualitySamplingPointViewSet(ModelViewSet):
    model = WaterQualitySamplingPoint
    name = "water_quality_points"
    icon = "site"
    menu_label = "採水地点"
    list_display = ["name", "description", "sort_order"]
    form_fields = ["name", "description", "sort_order"]
    copy_view_enabled = False


class WaterViewSetGroup(ModelViewSetGroup):
    menu_label = "水道事業"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        WaterApplicationViewSet,
        WaterQualityResultViewSet,
        WaterQualityItemViewSet,
        WaterQualitySamplingPointViewSet,
    )
