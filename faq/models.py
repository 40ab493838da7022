import json

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import DocumentBlock, LinkBlock, ListBlock, ParagraphBlock, TableBlock
from cms.pages import BasePage, ContactMixin, IntroMixin


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


class FAQIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """よくある質問: categories, the most viewed questions and a search limited to FAQs.

    Sub-URLs: category/<slug>/ lists one category, search/?q= searches the FAQs below this page.
    Every listing runs a fixed number of queries however many FAQs there are.
    """

    search_hint = models.CharField(
        "検索欄の例",
        max_length=100,
        blank=True,
        help_text="検索欄の下に表示する入力例です（例：例：粗大ごみ、住民票、児童手当）。",
    )

    content_panels = IntroMixin.content_panels + [FieldPanel("search_hint")]
    subpage_types = ["faq.FAQPage"]

    MOST_VIEWED_COUNT = 5
    PER_PAGE = 20
    SEARCH_LIMIT = 50
    QUERY_MAX_LENGTH = 100

    class Meta:
        verbose_name = "よくある質問の一覧"

    def live_faqs(self):
        return FAQPage.objects.child_of(self).live().public()

    def categories_with_counts(self):
        """Categories that have at least one published FAQ here, with how many."""
        in_this_index = Q(faqs__live=True, faqs__path__startswith=self.path, faqs__depth=self.depth + 1)
        return list(
            FAQCategory.objects.annotate(faq_count=Count("faqs", filter=in_this_index))
            .filter(faq_count__gt=0)
            .order_by("sort_order", "name")
        )

    def most_viewed(self):
        return list(
            self.live_faqs()
            .filter(view_count__gt=0)
            .order_by("-view_count", "path")[: self.MOST_VIEWED_COUNT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.categories_with_counts()
        context["most_viewed"] = self.most_viewed()
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("category/<str:slug>/", name="category")
    def category_view(self, request, slug):
        category = FAQCategory.objects.filter(slug=slug).first()
        if category is None:
            raise Http404("分類が見つかりません。")
        faqs = self.live_faqs().filter(categories=category).order_by("path")
        paginator = Paginator(faqs, self.PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "category": category,
                "faqs": page_obj.object_list,
                "page_obj": page_obj,
                "categories": self.categories_with_counts(),
            },
            template="faq/faq_category.html",
        )

    @path("search/", name="search")
    def search_view(self, request):
        from search.api import record_search, search_faqs

        query = " ".join((request.GET.get("q") or "").split())[: self.QUERY_MAX_LENGTH]
        results = search_faqs(query, within=self, limit=self.SEARCH_LIMIT) if query else []
        if query:
            # FAQ searches belong in the popular / zero-result reports as much as site searches do.
            record_search(query, len(results), "faq")
        return self.render(
            request,
            context_overrides={
                "query": query,
                "results": list(results),
                "searched": "q" in request.GET,
                "categories": self.categories_with_counts(),
            },
            template="faq/faq_search.html",
        )


def answer_blocks():
    return [
        ("paragraph", ParagraphBlock()),
        ("list", ListBlock()),
        ("table", TableBlock()),
        ("link", LinkBlock()),
        ("file", DocumentBlock()),
    ]


class FAQPage(ContactMixin, BasePage):
    """One question and its answer. The page title is the question, as residents would ask it."""

    search_kind = "faq"

    answer = StreamField(answer_blocks(), verbose_name="回答", use_json_field=True)
    categories = ParentalManyToManyField(FAQCategory, verbose_name="分類", blank=True, related_name="faqs")
    keywords = models.CharField(
        "検索用キーワード",
        max_length=500,
        blank=True,
        help_text="画面には表示されない検索用の言葉です。「|」で区切ります（例：粗大ゴミ|大型ごみ）。",
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

    search_fields = BasePage.search_fields + [
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

    # --- view counting: one UPDATE per view, never part of a revision -----------------------------

    def serializable_data(self):
        data = super().serializable_data()
        data.pop("view_count", None)
        return data

    def with_content_json(self, content):
        # Publishing an old revision must not put back the view count it was saved with.
        obj = super().with_content_json(content)
        obj.view_count = FAQPage.objects.filter(pk=self.pk).values_list("view_count", flat=True).first() or 0
        return obj

    def count_view(self, request):
        if request.method != "GET" or getattr(request, "is_preview", False) or request.GET.get("feedback"):
            return
        FAQPage.objects.filter(pk=self.pk).update(view_count=F("view_count") + 1)

    # --- what the template shows -------------------------------------------------------------------

    def answer_text(self):
        from .csvio import answer_plain_text

        return answer_plain_text(self.answer)

    def json_ld(self):
        """schema.org FAQPage for this question, escaped for a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": self.title,
                    "acceptedAnswer": {"@type": "Answer", "text": self.answer_text()},
                }
            ],
        }
        text = json.dumps(data, ensure_ascii=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def get_context(self, request, *args, **kwargs):
        from .forms import FAQFeedbackForm

        context = super().get_context(request, *args, **kwargs)
        context["faq_categories"] = list(self.categories.all())
        related = self.related_faqs.all()
        if hasattr(related, "live"):
            related = related.live().public().order_by("path")
        else:  # preview of unsaved changes: modelcluster's in-memory queryset
            related = [faq for faq in related if faq.live]
        context["related_faq_list"] = list(related)
        pages = [child.value for child in self.related_pages if child.value is not None]
        context["related_page_list"] = [page for page in pages if page.live]
        context["index_page"] = self.get_parent().specific_deferred
        context.setdefault("feedback_form", FAQFeedbackForm())
        context.setdefault("feedback_status", request.GET.get("feedback"))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.serve_feedback(request)
        self.count_view(request)
        return super().serve(request, *args, **kwargs)

    def serve_feedback(self, request):
        """「この回答は役に立ちましたか？」: store one answer per client per window, then thank."""
        from .feedback import is_feedback_rate_limited
        from .forms import FAQFeedbackForm

        form = FAQFeedbackForm(request.POST)
        if not form.is_valid():
            return self._render_feedback(request, form, "invalid", status=400)
        if is_feedback_rate_limited(request, self):
            return self._render_feedback(request, form, "limited", status=429)
        FAQFeedback.objects.create(
            page=self, helpful=form.cleaned_data["helpful"] == "yes", comment=form.cleaned_data["comment"]
        )
        return redirect(f"{self.get_url(request)}?feedback=thanks#faq-feedback")

    def _render_feedback(self, request, form, status_name, status):
        context = self.get_context(request)
        context["feedback_form"] = form
        context["feedback_status"] = status_name
        return TemplateResponse(request, self.get_template(request), context, status=status)


class FAQFeedback(models.Model):
    """One answer to 「この回答は役に立ちましたか？」. Nothing about the sender is stored."""

    page = models.ForeignKey(FAQPage, verbose_name="FAQ", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField("役に立った")
    comment = models.TextField("ご意見", max_length=400, blank=True)
    created_at = models.DateTimeField("送信日時", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "FAQへの評価"
        verbose_name_plural = "FAQへの評価"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "-created_at"], name="faq_feedback_page_recent")]

    def __str__(self):
        return f"{self.page_id}：{'はい' if self.helpful else 'いいえ'}"
