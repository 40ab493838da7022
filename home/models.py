"""The city site (須賀川市): top page, 分類, 記事, お知らせ, くらしのできごと, 担当課, 災害モード."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import (
    AccordionBlock,
    ContactBlock,
    DocumentBlock,
    GalleryBlock,
    LinkBlock,
    ListBlock,
    ProcedureBlock,
    text_blocks,
)
from cms.images import MainImageMixin
from cms.models import Department
from cms.pages import BasePage, ContactMixin, IntroMixin

from .blocks import (
    BannerBlock,
    CounterBlock,
    DisasterTranslationBlock,
    EmergencyContactBlock,
    FeeBlock,
    NoticeTranslationBlock,
)

INTRO_FEATURES = ["bold", "link"]


def content_blocks():
    """What an article (記事) is made of. Each block is accessible by construction (see cms/blocks.py)."""
    return [
        *text_blocks(),
        ("file", DocumentBlock()),
        ("accordion", AccordionBlock()),
        ("procedure", ProcedureBlock()),
        ("contact", ContactBlock()),
        ("link", LinkBlock()),
        ("list", ListBlock()),
        ("gallery", GalleryBlock()),
    ]


# --- snippets ---------------------------------------------------------------------------------


@register_snippet
class LifeEvent(models.Model):
    """くらしのできごと (引越し, 子育て …): a taxonomy across sections; a page can belong to several."""

    name = models.CharField("名前", max_length=50, unique=True)
    slug = models.SlugField("スラッグ", max_length=50, unique=True, help_text="URLに使う半角英数字です。")
    description = models.CharField("説明", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)
    links = StreamField(
        [("link", LinkBlock())],
        verbose_name="ほかのサイトの手続き",
        blank=True,
        use_json_field=True,
        help_text="水道事業のサイトなど、このサイトの外にある手続きへのリンクです。ページの一覧のあとに表示します。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("links"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "くらしのできごと"
        verbose_name_plural = "くらしのできごと"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class EmergencyNoticeQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class EmergencyNotice(models.Model):
    """緊急情報: shown at the top of the city site (and on the disaster top) from start to end time."""

    LEVEL_WARNING = "warning"
    LEVEL_CAUTION = "caution"
    LEVEL_INFO = "info"
    LEVEL_CHOICES = [(LEVEL_WARNING, "警報"), (LEVEL_CAUTION, "注意"), (LEVEL_INFO, "お知らせ")]
    LEVEL_ORDER = {LEVEL_WARNING: 0, LEVEL_CAUTION: 1, LEVEL_INFO: 2}

    title = models.CharField("件名", max_length=200)
    body = RichTextField("本文", features=["bold", "link", "ul", "ol"])
    level = models.CharField("レベル", max_length=10, choices=LEVEL_CHOICES, default=LEVEL_INFO)
    starts_at = models.DateTimeField("表示開始日時", default=timezone.now)
    ends_at = models.DateTimeField(
        "表示終了日時", null=True, blank=True, help_text="空欄の場合は、終了日時を入れるまで表示し続けます。"
    )
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    translations = StreamField(
        [("translation", NoticeTranslationBlock())],
        verbose_name="外国語の件名と本文",
        blank=True,
        use_json_field=True,
        help_text="英語・中国語・韓国語のページに表示します。ない言語では日本語のまま表示します。",
    )

    objects = EmergencyNoticeQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("level"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="表示する期間"),
        FieldPanel("translations"),
    ]

    class Meta:
        verbose_name = "緊急情報"
        verbose_name_plural = "緊急情報"
        ordering = ["-starts_at"]

    def __str__(self):
        return f"【{self.get_level_display()}】{self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "表示終了日時は表示開始日時より後にしてください。"})

    def in_language(self, language):
        """(title, body, lang) in the visitor's language, or the Japanese with lang "ja"."""
        for block in self.translations:
            if block.value["language"] == language:
                return block.value["title"], block.value["body"], language
        return self.title, self.body, "ja"

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    def status(self):
        now = timezone.now()
        if self.starts_at > now:
            return "表示予定"
        return "表示中" if self.is_active(now) else "終了"

    status.short_description = "状態"


def active_emergency_notices():
    """Active notices, 警報 first, newest first within a level."""
    notices = list(EmergencyNotice.objects.active())
    notices.sort(key=lambda n: (EmergencyNotice.LEVEL_ORDER.get(n.level, 9), -n.starts_at.timestamp()))
    return notices


@register_setting(icon="warning")
class DisasterModeSettings(BaseSiteSetting):
    """災害モード: switched on by 秘書広報課 in the admin, no deploy. The top page becomes a light page."""

    is_active = models.BooleanField(
        "災害モードにする",
        default=False,
        help_text="オンにすると、トップページが軽量な災害用トップページに切り替わります。",
    )
    headline = models.CharField(
        "災害用トップページの見出し",
        max_length=100,
        default="災害情報",
        help_text="例：台風第19号に関する情報",
    )
    message = models.TextField(
        "市からのお知らせ", blank=True, help_text="災害用トップページの冒頭に表示する短い文章です。"
    )
    evacuation_links = StreamField(
        [("link", LinkBlock())],
        verbose_name="避難情報へのリンク",
        blank=True,
        use_json_field=True,
        help_text="避難所の開設状況、避難指示、ハザードマップなどへのリンクです。",
    )
    emergency_contacts = StreamField(
        [("contact", EmergencyContactBlock())],
        verbose_name="緊急連絡先",
        blank=True,
        use_json_field=True,
    )
    translations = StreamField(
        [("translation", DisasterTranslationBlock())],
        verbose_name="外国語の表示",
        blank=True,
        use_json_field=True,
        help_text="英語・中国語・韓国語の災害用トップページの見出し、お知らせ、リンクと連絡先の名前です。"
        "ない項目は日本語のまま表示します。",
    )

    panels = [
        HelpPanel(
            content="<p>災害モードの切り替えはすぐに公開サイトへ反映されます。緊急情報の本文は「スニペット」の「緊急情報」で登録してください。</p>"
        ),
        FieldPanel("is_active"),
        FieldPanel("headline"),
        FieldPanel("message"),
        FieldPanel("evacuation_links"),
        FieldPanel("emergency_contacts"),
        FieldPanel("translations"),
    ]

    class Meta:
        verbose_name = "災害モード"
        verbose_name_plural = "災害モード"

    def in_language(self, language):
        """What the disaster top shows in `language`: each text with the lang it is written in."""
        translation = next(
            (block.value for block in self.translations if block.value["language"] == language), None
        )
        if language == "ja" or translation is None:
            translation = {"headline": "", "message": "", "link_texts": [], "contacts": []}
        lang = language if translation["headline"] else "ja"

        def pick(items, number, key=None):
            if number < len(items) and (items[number] if key is None else items[number].get(key)):
                return (items[number] if key is None else items[number][key]), language
            return None

        links = []
        for number, block in enumerate(self.evacuation_links):
            text, text_lang = pick(list(translation["link_texts"]), number) or (block.value["text"], "ja")
            links.append(
                {"text": text, "lang": text_lang, "page": block.value["page"], "url": block.value["url"]}
            )
        contacts = []
        for number, block in enumerate(self.emergency_contacts):
            names = list(translation["contacts"])
            name, name_lang = pick(names, number, "name") or (block.value["name"], "ja")
            note, note_lang = pick(names, number, "note") or (block.value["note"], "ja")
            contacts.append(
                {
                    "name": name,
                    "name_lang": name_lang,
                    "note": note,
                    "note_lang": note_lang,
                    "phone": block.value["phone"],
                }
            )
        return {
            "headline": translation["headline"] or self.headline,
            "headline_lang": lang,
            "message": translation["message"] if translation["headline"] else self.message,
            "message_lang": language if translation["message"] else "ja",
            "links": links,
            "contacts": contacts,
        }


# --- pages ------------------------------------------------------------------------------------


class CityPage(ContactMixin, BasePage):
    """Fields every page of the city site shares: a one-line summary for listings, and the core's
    担当課 and 最終更新日."""

    summary = models.CharField(
        "一行の説明", max_length=200, blank=True, help_text="一覧で題名の下に表示する、ページの短い説明です。"
    )

    search_fields = BasePage.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True


class CityHomePage(MainImageMixin, IntroMixin, BasePage):
    """トップページ of the city site, composed by editors from the parts below."""

    pickup_links = StreamField(
        [("link", LinkBlock())],
        verbose_name="よく見られているページ",
        blank=True,
        use_json_field=True,
        help_text="トップページの「よく見られているページ」に並べるリンクです。",
    )
    banners = StreamField(
        [("banner", BannerBlock())],
        verbose_name="バナー",
        blank=True,
        use_json_field=True,
        help_text="水道事業のサイトや観光ガイドなどへの案内です。画像は使わず文字で表示します。",
    )
    news_count = models.PositiveSmallIntegerField("新着情報の件数", default=6)
    faq_count = models.PositiveSmallIntegerField("よくある質問の件数", default=5)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        *MainImageMixin.main_image_panels,
        FieldPanel("pickup_links"),
        FieldPanel("banners"),
        MultiFieldPanel([FieldPanel("news_count"), FieldPanel("faq_count")], heading="表示する件数"),
        HelpPanel(
            content="<p>緊急情報・重要なお知らせ・新着情報・くらしのできごと・分類・よくある質問は、"
            "それぞれのページやスニペットから自動で表示します。</p>"
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "市のトップページ"

    def serve(self, request, *args, **kwargs):
        settings = DisasterModeSettings.for_request(request)
        # ?disaster-preview=1 shows the light top while the switch is off, so 秘書広報課 can check it
        # (and the accessibility crawl can test it); it shows only what the public top page shows.
        if settings.is_active or request.GET.get("disaster-preview") == "1":
            return self.serve_disaster_top(request, settings)
        return super().serve(request, *args, **kwargs)

    def serve_disaster_top(self, request, settings=None):
        settings = settings or DisasterModeSettings.for_request(request)
        return TemplateResponse(
            request, "home/disaster_top.html", self.get_disaster_context(request, settings)
        )

    def get_disaster_context(self, request, settings):
        language = self.locale.language_code
        return {
            "page": self,
            "self": self,
            "request": request,
            "disaster": settings,
            # Each text in the visitor's language where 秘書広報課 translated it; what is still only in
            # Japanese is marked lang="ja" (a screen reader then reads it in Japanese).
            "shown": settings.in_language(language),
            "foreign": language != "ja",
            "notices": [
                {"notice": notice, "text": notice.in_language(language)}
                for notice in active_emergency_notices()
            ],
            "news": list(self.news_items().filter(is_important=True)[:5]),
            "sections": list(
                SectionPage.objects.child_of(self).live().public().in_menu().only("title", "slug", "url_path")
            ),
        }

    def news_items(self):
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        from faq.models import FAQPage

        context = super().get_context(request, *args, **kwargs)
        context["emergency_notices"] = active_emergency_notices()
        context["important_news"] = list(self.news_items().filter(is_important=True)[:3])
        context["latest_news"] = list(
            self.news_items().only("title", "url_path", "date", "category", "is_important")[: self.news_count]
        )
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        life_event_index = LifeEventIndexPage.objects.child_of(self).live().first()
        context["life_event_index"] = life_event_index
        context["life_events"] = list(LifeEvent.objects.all()) if life_event_index else []
        context["sections"] = list(
            SectionPage.objects.child_of(self)
            .live()
            .public()
            .in_menu()
            .only("title", "slug", "url_path", "summary")
        )
        context["popular_faqs"] = list(
            FAQPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-view_count", "pk")
            .only("title", "url_path")[: self.faq_count]
        )
        from faq.models import FAQIndexPage

        context["faq_index"] = FAQIndexPage.objects.child_of(self).live().first()
        return context


class SectionPage(MainImageMixin, IntroMixin, CityPage):
    """分類: くらし・手続き > ごみ・リサイクル … Lists its children (and theirs) with a one-line summary."""

    content_panels = (
        Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")] + MainImageMixin.main_image_panels
    )
    settings_panels = Page.settings_panels + [FieldPanel("department")]

    parent_page_types = ["home.CityHomePage", "home.SectionPage"]
    subpage_types = ["home.SectionPage", "home.ContentPage", "home.ProcedurePage"]

    search_fields = CityPage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "分類"
        verbose_name_plural = "分類"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = section_entries(self)
        return context


def section_entries(section):
    """Children of a section with their own children, in two queries whatever the number of pages.

    Each entry: {"page", "summary", "children": [...]}; children of sub-sections are links only.
    """
    children = list(Page.objects.child_of(section).live().public().specific().order_by("path"))
    grandchildren = {}
    if children:
        for page in (
            Page.objects.live()
            .public()
            .descendant_of(section)
            .filter(depth=section.depth + 2)
            .only("title", "url_path", "path", "depth")
            .order_by("path")
        ):
            grandchildren.setdefault(page.path[: -Page.steplen], []).append(page)
    return [
        {
            "page": child,
            "summary": getattr(child, "summary", "") or child.search_description,
            "children": grandchildren.get(child.path, []),
        }
        for child in children
    ]


class ContentPage(MainImageMixin, CityPage):
    """記事: an ordinary page of the city site (手続き, 制度の案内 …)."""

    body = StreamField(content_blocks(), verbose_name="本文", use_json_field=True)
    life_events = ParentalManyToManyField(
        LifeEvent, verbose_name="くらしのできごと", blank=True, related_name="pages"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *MainImageMixin.main_image_panels,
        FieldPanel("body"),
        FieldPanel("department"),
        FieldPanel("life_events", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = CityPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.CityHomePage", "home.SectionPage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = "記事"
        verbose_name_plural = "記事"


def procedure_blocks():
    """The explanation of a 手続き: an article's blocks without the old 手続き情報 box (its facts are fields)."""
    return [block for block in content_blocks() if block[0] != "procedure"]


class ProcedurePage(ContentPage):
    """手続き: 対象, 必要なもの, 手数料, 受付窓口 (所在地・電話・受付時間), オンライン申請, 関連する手続き.

    A 記事 with its facts as fields, always shown in the same order, so that every procedure page ends
    with a way to act. A subclass of ContentPage: listings, くらしのできごと and 担当課 pages include it.
    """

    target = models.TextField("対象", blank=True, help_text="手続きができる人・対象となる人やもの")
    requirements = models.TextField(
        "必要なもの", blank=True, help_text="1行に1つずつ書いてください。箇条書きで表示します。"
    )
    fee_summary = models.CharField(
        "手数料（ひとこと）",
        max_length=200,
        blank=True,
        help_text="例：無料。金額が項目で違うときは下の表に入力します。",
    )
    fees = StreamField(
        [("fee", FeeBlock())],
        verbose_name="手数料の表",
        blank=True,
        use_json_field=True,
        help_text="項目と金額を1行ずつ入力します。表として表示します。",
    )
    counters = StreamField(
        [("counter", CounterBlock())],
        verbose_name="受付窓口",
        blank=True,
        use_json_field=True,
        help_text="窓口の名前、所在地、電話番号、受付時間です。",
    )
    online_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="オンライン申請のページ（サイト内）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="市公式LINEの案内など、このサイトの中のページで申し込めるときに選びます。",
    )
    online_url = models.URLField("オンライン申請のURL（外部）", blank=True)
    online_label = models.CharField(
        "オンライン申請のリンクの文字", max_length=100, blank=True, help_text="例：市公式LINEで申し込む"
    )
    online_note = models.CharField(
        "オンライン申請の補足", max_length=200, blank=True, help_text="例：24時間いつでも申し込めます。"
    )
    note = models.TextField("備考", blank=True)
    related = StreamField(
        [("link", LinkBlock())],
        verbose_name="関連する手続き",
        blank=True,
        use_json_field=True,
        help_text="あわせて必要になる手続きのページへのリンクです。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *MainImageMixin.main_image_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("target"), FieldPanel("requirements"), FieldPanel("fee_summary"), FieldPanel("fees")],
            heading="対象・必要なもの・手数料",
        ),
        FieldPanel("counters"),
        MultiFieldPanel(
            [
                FieldPanel("online_page"),
                FieldPanel("online_url"),
                FieldPanel("online_label"),
                FieldPanel("online_note"),
            ],
            heading="オンライン申請",
        ),
        FieldPanel("note"),
        FieldPanel("related"),
        FieldPanel("department"),
        FieldPanel("life_events", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("target"),
        index.SearchField("requirements"),
        index.SearchField("fee_summary"),
        index.SearchField("fees"),  # 「住民票 手数料」: the item names of the fee table
        index.SearchField("note"),
    ]

    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "手続き"
        verbose_name_plural = "手続き"

    @property
    def online_link(self):
        """Where to apply online: a page of this site (市公式LINE) or an external form, or ""."""
        if self.online_page_id and self.online_page and self.online_page.live:
            return self.online_page.get_url(current_site=self.get_site())
        return self.online_url

    @property
    def requirement_list(self):
        return [line.strip(" ・-") for line in self.requirements.splitlines() if line.strip(" ・-")]

    @property
    def phones(self):
        phones = [block.value["phone"] for block in self.counters if block.value.get("phone")]
        if not phones and self.department and self.department.phone:
            phones.append(self.department.phone)
        return phones

    def ways_to_act(self):
        """How a resident can act: a phone to call, a form to fill, a place to go (an empty list: none)."""
        ways = []
        if self.phones:
            ways.append("phone")
        if self.online_link:
            ways.append("online")
        if any(block.value.get("address") or block.value.get("name") for block in self.counters):
            ways.append("counter")
        return ways

    def content_problems(self):
        """Checks of the editor's panel beyond the text (cms.a11y): a procedure nobody can act on."""
        from cms.a11y.checks import Problem

        if self.ways_to_act():
            return []
        return [Problem("no_way_to_act", self.title, field="counters", field_label="受付窓口")]


class NewsIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """お知らせ一覧: newest first, filterable by category, paginated, with an RSS feed."""

    per_page = models.PositiveSmallIntegerField("1ページの件数", default=20)

    content_panels = IntroMixin.content_panels + [FieldPanel("per_page")]

    parent_page_types = ["home.CityHomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1
    footer_link = True

    FEED_SIZE = 20

    class Meta:
        verbose_name = "お知らせの一覧"

    def news_items(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")

    @path("")
    def index(self, request):
        items = self.news_items().only("title", "url_path", "date", "category", "is_important", "summary")
        category = request.GET.get("category", "")
        categories = dict(NewsPage.CATEGORY_CHOICES)
        if category in categories:
            items = items.filter(category=category)
        else:
            category = ""
        paginator = Paginator(items, self.per_page or 20)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "news": page_obj.object_list,
                "category": category,
                "category_label": categories.get(category, ""),
                "categories": NewsPage.CATEGORY_CHOICES,
            },
        )

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(MainImageMixin, CityPage):
    """お知らせ: dated, in a category, optionally 重要 (then also listed at the top of the top page)."""

    search_kind = "news"

    CATEGORY_CHOICES = [
        ("kurashi", "くらし・手続き"),
        ("kosodate", "子育て・教育"),
        ("kenko", "健康・福祉"),
        ("bousai", "防災・安全"),
        ("event", "イベント・募集"),
        ("shisei", "市政"),
    ]

    date = models.DateField("掲載日", default=timezone.localdate)
    category = models.CharField("分類", max_length=20, choices=CATEGORY_CHOICES, default="kurashi")
    is_important = models.BooleanField(
        "重要なお知らせ", default=False, help_text="トップページの「重要なお知らせ」にも表示します。"
    )
    body = StreamField(content_blocks(), verbose_name="本文", use_json_field=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("category"), FieldPanel("is_important")], heading="掲載情報"
        ),
        FieldPanel("summary"),
        *MainImageMixin.main_image_panels,
        FieldPanel("body"),
        FieldPanel("department"),
    ]
    search_fields = CityPage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "お知らせ"
        verbose_name_plural = "お知らせ"


class LifeEventIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """くらしのできごと: one listing per life event (引越し, おくやみ …) of the pages that belong to it."""

    parent_page_types = ["home.CityHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "くらしのできごとの一覧"

    @path("")
    def index(self, request):
        return self.render(request, context_overrides={"life_events": list(LifeEvent.objects.all())})

    @re_path(r"^(?P<slug>[-\w]+)/$", name="life_event")
    def life_event(self, request, slug):
        life_event = get_object_or_404(LifeEvent, slug=slug)
        root = self.get_parent()
        pages = list(
            ContentPage.objects.live()
            .public()
            .descendant_of(root)
            .filter(life_events=life_event)
            .only("title", "url_path", "summary", "path")
            .order_by("path")
        )
        return self.render(
            request,
            template="home/life_event_page.html",
            context_overrides={
                "life_event": life_event,
                "life_events": list(LifeEvent.objects.all()),
                "pages": pages,
            },
        )


class DepartmentIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """担当課の一覧: every 担当課 with its contact details, and per 担当課 the pages it answers for."""

    parent_page_types = ["home.CityHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    footer_link = True

    class Meta:
        verbose_name = "担当課の一覧"

    @path("")
    def index(self, request):
        return self.render(request, context_overrides={"departments": list(Department.objects.all())})

    @path("<int:department_id>/", name="department")
    def department(self, request, department_id):
        department = get_object_or_404(Department, pk=department_id)
        root = self.get_parent()
        pages = list(
            Page.objects.live()
            .public()
            .descendant_of(root)
            .filter(
                models.Q(contentpage__department=department) | models.Q(sectionpage__department=department)
            )
            .only("title", "url_path", "path")
            .order_by("path")
        )
        news = list(
            NewsPage.objects.live()
            .public()
            .descendant_of(root)
            .filter(department=department)
            .order_by("-date")[:10]
        )
        return self.render(
            request,
            template="home/department_page.html",
            context_overrides={"department": department, "pages": pages, "news": news},
        )


class SitemapPage(IntroMixin, BasePage):
    """サイトマップ: the city site's pages as a tree (three levels), in one query."""

    max_depth = models.PositiveSmallIntegerField("表示する階層の数", default=3)

    content_panels = IntroMixin.content_panels + [FieldPanel("max_depth")]
    parent_page_types = ["home.CityHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    footer_link = True

    class Meta:
        verbose_name = "サイトマップ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.build_tree()
        return context

    def build_tree(self):
        root = self.get_parent()
        from faq.models import FAQPage

        # News items and individual FAQs have lists of their own; the site map shows those lists.
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(root)
            .filter(depth__lte=root.depth + max(1, self.max_depth))
            .not_type(NewsPage, FAQPage)
            .only("title", "url_path", "path", "depth")
            .order_by("path")
        )
        nodes = {root.path: {"page": root, "children": []}}
        for page in pages:
            parent = nodes.get(page.path[: -Page.steplen])
            if parent is None:
                continue
            node = {"page": page, "children": []}
            nodes[page.path] = node
            parent["children"].append(node)
        return nodes[root.path]["children"]
