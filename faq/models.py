from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import DocumentBlock, LinkBlock, ListBlock, ParagraphBlock, TableBlock


@register_snippet
class FAQCategory(index.Indexed, models.Model):
    """FAQ categories (分類), ordered by editors. A question can belong to several."""

    name = models.CharField("分類名", max_length=100, unique=True)
    slug = models.SlugField("スラッグ", max_length=100, unique=True, allow_unicode=True)
    description = models.CharField("説明", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "FAQの分類"
        verbose_name_plural = "FAQの分類"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class FAQIndexPage(Page):
    """よくある質問: categories, the most viewed questions and a search limited to FAQs."""

    intro = RichTextField("導入文", blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["faq.FAQPage"]

    class Meta:
        verbose_name = "よくある質問の一覧"


def answer_blocks():
    return [
        ("paragraph", ParagraphBlock()),
        ("list", ListBlock()),
        ("table", TableBlock()),
        ("link", LinkBlock()),
        ("file", DocumentBlock()),
    ]


class FAQPage(Page):
    """One question and its answer. The page title is the question, as residents would ask it."""

    answer = StreamField(answer_blocks(), verbose_name="回答", use_json_field=True)
    categories = ParentalManyToManyField(FAQCategory, verbose_name="分類", blank=True, related_name="faqs")
    keywords = models.CharField(
        "検索用キーワード",
        max_length=500,
        blank=True,
        help_text="画面には表示されない検索用の言葉です。「|」で区切ります（例：粗大ゴミ|大型ごみ）。",
    )
    department = models.ForeignKey(
        "home.Department",
        verbose_name="担当課",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faqs",
    )
    related_faqs = ParentalManyToManyField("self", verbose_name="関連するFAQ", blank=True, symmetrical=False)
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label="ページ"))],
        verbose_name="関連するページ",
        blank=True,
        use_json_field=True,
    )
    last_reviewed = models.DateField("最終確認日", null=True, blank=True)
    import_id = models.CharField(
        "取込ID", max_length=64, blank=True, db_index=True, help_text="CSVから取り込んだFAQの識別子です。"
    )
    view_count = models.PositiveIntegerField("閲覧数", default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("answer"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("keywords")],
            heading="分類と検索",
        ),
        FieldPanel("department"),
        MultiFieldPanel([FieldPanel("related_faqs"), FieldPanel("related_pages")], heading="関連情報"),
        FieldPanel("last_reviewed"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("import_id")]

    search_fields = Page.search_fields + [
        index.SearchField("answer"),
        index.SearchField("keywords"),
        index.FilterField("view_count"),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    parent_page_types = ["faq.FAQIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "よくある質問"
        verbose_name_plural = "よくある質問"
