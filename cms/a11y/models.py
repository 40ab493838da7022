"""ウェブアクセシビリティ方針 and 試験結果 pages, and the record of each automated test run.

The tables belong to the cms app label (app_label below), where these models lived first: moving the
code here needed no migration.
"""

from collections import Counter

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.blocks import (
    AccordionBlock,
    DocumentBlock,
    HeadingBlock,
    ImageBlock,
    LinkBlock,
    ListBlock,
    ParagraphBlock,
    TableBlock,
)
from cms.pages import BasePage

A11Y_RICH_TEXT_FEATURES = ["bold", "link", "document-link", "ol", "ul"]


def a11y_body_blocks():
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", ImageBlock()),
        ("table", TableBlock()),
        ("document", DocumentBlock()),
        ("link", LinkBlock()),
        ("accordion", AccordionBlock()),
        ("list", ListBlock()),
    ]


class AccessibilityPolicyPage(BasePage):
    """ウェブアクセシビリティ方針: what 総務省's guideline asks a public body to publish."""

    # Linked from every page's footer (home's footer_links), as municipal sites do.
    footer_link = True

    LEVEL_CHOICES = [
        ("AA準拠", "適合レベルAAに準拠"),
        ("AA一部準拠", "適合レベルAAに一部準拠"),
        ("AA配慮", "適合レベルAAに配慮"),
        ("A準拠", "適合レベルAに準拠"),
    ]

    intro = RichTextField("はじめに", blank=True, features=A11Y_RICH_TEXT_FEATURES)
    scope = RichTextField(
        "対象範囲", features=A11Y_RICH_TEXT_FEATURES, help_text="方針の対象とするサイト・ページの範囲です。"
    )
    standard = models.CharField("規格", max_length=100, default="JIS X 8341-3:2016")
    target_level = models.CharField(
        "目標とする適合レベルと表記", max_length=20, choices=LEVEL_CHOICES, default="AA準拠"
    )
    target_deadline = models.DateField("達成期限")
    exceptions = RichTextField(
        "例外事項",
        blank=True,
        features=A11Y_RICH_TEXT_FEATURES,
        help_text="方針の対象外とするページや、達成が難しい項目とその理由を書いてください。",
    )
    body = StreamField(a11y_body_blocks(), verbose_name="本文", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("standard"), FieldPanel("target_level"), FieldPanel("target_deadline")],
            heading="目標",
        ),
        FieldPanel("exceptions"),
        FieldPanel("body"),
    ]

    subpage_types = ["cms.AccessibilityTestResultPage"]
    template = "cms/accessibility_policy_page.html"

    class Meta:
        app_label = "cms"
        verbose_name = "ウェブアクセシビリティ方針"

    @property
    def level_letters(self):
        return self.target_level.removesuffix("準拠").removesuffix("一部").removesuffix("配慮")

    @property
    def conformance_wording(self):
        return self.target_level[len(self.level_letters) :]

    def result_pages(self):
        return AccessibilityTestResultPage.objects.child_of(self).live().public()


class AccessibilityTestResultPage(BasePage):
    """試験結果: rendered from the last recorded automated test run of this page's Site."""

    intro = RichTextField("はじめに", blank=True, features=A11Y_RICH_TEXT_FEATURES)
    manual_testing = RichTextField(
        "目視・手作業による試験",
        blank=True,
        features=A11Y_RICH_TEXT_FEATURES,
        help_text="自動試験では確かめられない項目の試験の予定や結果を書いてください。",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("manual_testing")]

    parent_page_types = ["cms.AccessibilityPolicyPage"]
    subpage_types = []
    template = "cms/accessibility_test_result_page.html"

    class Meta:
        app_label = "cms"
        verbose_name = "ウェブアクセシビリティ試験結果"

    def latest_run(self):
        site = self.get_site()
        runs = AccessibilityTestRun.objects.all()
        if site is not None:
            runs = runs.filter(models.Q(site=site) | models.Q(site__isnull=True))
        return runs.order_by("-finished_at", "-pk").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["run"] = self.latest_run()
        return context


class AccessibilityTestRun(models.Model):
    """One run of the automated tests (`manage.py a11y_test_run`): what 試験結果 pages show."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="サイト", null=True, blank=True, on_delete=models.CASCADE
    )
    started_at = models.DateTimeField("開始日時", default=timezone.now)
    finished_at = models.DateTimeField("終了日時", default=timezone.now)
    standard = models.CharField("規格", max_length=100, default="JIS X 8341-3:2016")
    target_level = models.CharField("目標とする適合レベル", max_length=20, default="AA")
    pages_total = models.PositiveIntegerField("公開中のページ数", default=0)
    pages_tested = models.PositiveIntegerField("試験したページ数", default=0)
    selection = models.TextField("ページの選び方")
    tools = models.TextField("試験の方法")
    pages = models.JSONField("試験したページ", default=list)
    criteria = models.JSONField("達成基準ごとの結果", default=list)
    problems = models.JSONField("見つかった問題", default=list)

    class Meta:
        app_label = "cms"
        verbose_name = "アクセシビリティ試験の記録"
        verbose_name_plural = "アクセシビリティ試験の記録"
        ordering = ["-finished_at", "-pk"]

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M} {self.pages_tested}ページ"

    def criteria_by_level(self):
        return {level: [c for c in self.criteria if c["level"] == level] for level in ("A", "AA")}

    def counts(self):
        return Counter(c["result"] for c in self.criteria)
