"""Admin for the tourism guide: the peony bloom status in seconds, and foreign-language city tops."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tourism.models import BLOOM_STATUSES, PeonyBloomReport, TourismTopPage, guide_context


class BloomQuickForm(forms.ModelForm):
    status = forms.ChoiceField(label="開花状況", choices=BLOOM_STATUSES, widget=forms.RadioSelect)
    observed_on = forms.DateField(label="確認した日", widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = PeonyBloomReport
        fields = ["status", "observed_on", "comment", "comment_en", "comment_zh_hans", "comment_zh_hant", "comment_ko"]
        error_messages = {"status": {"required": "開花状況を選んでください。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["required"] = "開花状況を選んでください。"
        self.fields["observed_on"].error_messages["required"] = "確認した日を入力してください。"
        self.fields["observed_on"].error_messages["invalid"] = (
            "確認した日は 2026-05-10 の形で入力してください。"
        )


def can_update_bloom(user):
    return user.has_perm("tourism.add_peonybloomreport")


class BloomStatusPanel(Component):
    """Dashboard panel: choose the status, press 更新, done. The previous reports stay as history."""

    name = "tourism_bloom_status"
    order = 40
    template_name = "tourism/admin/bloom_panel.html"

    def __init__(self, request, form=None):
        self.request = request
        self.form = form

    def get_context_data(self, parent_context):
        current = PeonyBloomReport.current()
        initial = {"observed_on": timezone.localdate()}
        if current is not None:
            initial["status"] = current.status
        return {
            # Components render without the request context: the form needs its CSRF token.
            "csrf_token": get_token(self.request),
            "current": current,
            "form": self.form or BloomQuickForm(initial=initial),
            "action": reverse("tourism_bloom_update"),
            "history_url": reverse(BloomReportViewSet().get_url_name("list")),
        }


@require_POST
def bloom_update(request):
    if not can_update_bloom(request.user):
        raise PermissionDenied
    form = BloomQuickForm(request.POST)
    if form.is_valid():
        report = form.save(commit=False)
        report.created_by = request.user
        report.save()
        log(report, "wagtail.create", user=request.user)
        messages.success(request, f"牡丹園の開花状況を「{report.get_status_display()}」に更新しました。")
        return redirect("wagtailadmin_home")
    messages.error(request, "開花状況を更新できませんでした。入力内容を確かめてください。")
    return TemplateResponse(
        request,
        "tourism/admin/bloom_update.html",
        {"panel": BloomStatusPanel(request, form=form), "header_title": "牡丹園の開花状況を更新"},
        status=400,
    )


@hooks.register("register_admin_urls")
def register_bloom_urls():
    return [path("tourism/bloom/update/", bloom_update, name="tourism_bloom_update")]


@hooks.register("construct_homepage_panels")
def add_bloom_panel(request, panels):
    if can_update_bloom(request.user):
        panels.append(BloomStatusPanel(request))


class BloomReportViewSet(SnippetViewSet):
    model = PeonyBloomReport
    icon = "pick"
    menu_label = "牡丹園の開花状況"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["observed_on", "status", "comment", "created_by", "created_at"]
    list_filter = ["status"]
    ordering = ["-observed_on", "-created_at"]

    def get_queryset(self, request):
        return PeonyBloomReport.objects.select_related("created_by")


register_snippet(BloomReportViewSet)


def _disaster_top_requested(request):
    try:
        from home.models import DisasterModeSettings
    except ImportError:
        return False
    return DisasterModeSettings.for_request(request).is_active or request.GET.get("disaster-preview") == "1"


@hooks.register("before_serve_page")
def serve_foreign_city_top(page, request, serve_args, serve_kwargs):
    """A visitor at /en/ (zh-hans, zh-hant, ko) gets the city top in that language centred on the guide.

    The city's other sections are Japanese only, so the foreign-language top page shows its own
    title and introduction, then the tourism guide of that language and a link to the Japanese site.
    """
    from home.models import CityHomePage

    if page.specific_class is not CityHomePage or page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    if _disaster_top_requested(request):
        return None  # in a disaster the city site's light emergency top serves every language
    page = page.specific
    guide = TourismTopPage.objects.live().public().child_of(page).first()
    context = page.get_context(request, *serve_args, **serve_kwargs)
    if guide is not None:
        context.update(guide_context(guide))
    context["japanese_top"] = page.get_translation_or_none(page.locale.get_default())
    return TemplateResponse(request, "tourism/foreign_top_page.html", context)
