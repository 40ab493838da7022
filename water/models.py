"""Pages and data of the water-utility site (須賀川市 水道事業).

Rates and water-quality results are data that staff edit in forms, never HTML: the public tables,
the 料金シミュレーション and the CSV download are all computed from these rows.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.blocks import (
    AccordionBlock,
    DocumentBlock,
    HeadingBlock,
    LinkBlock,
    ListBlock,
    ParagraphBlock,
    TableBlock,
)
from cms.fields import optional_link
from cms.images import MainImageMixin
from cms.pages import BasePage, IntroMixin


def body_blocks():
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("list", ListBlock()),
        ("table", TableBlock()),
        ("accordion", AccordionBlock()),
        ("link", LinkBlock()),
        ("file", DocumentBlock()),
    ]


# --- トップページ -------------------------------------------------------------------------------


class WaterHomePage(MainImageMixin, IntroMixin, BasePage):
    """トップページ of the water-utility site (須賀川市 水道事業), a Site of its own."""

    emergency_heading = models.CharField(
        "漏水・故障の連絡先の見出し", max_length=100, default="漏水・故障の連絡先（24時間受付）"
    )
    emergency_phone = models.CharField("漏水・故障の電話番号", max_length=50, blank=True)
    emergency_text = RichTextField(
        "漏水・故障の連絡先の説明",
        blank=True,
        features=["bold", "link"],
        help_text="夜間・休日の連絡先や、宅地内の漏水の修理は指定工事店へ依頼することなどを書きます。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        *MainImageMixin.main_image_panels,
        MultiFieldPanel(
            [FieldPanel("emergency_heading"), FieldPanel("emergency_phone"), FieldPanel("emergency_text")],
            heading="漏水・故障の連絡先（24時間）",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("emergency_heading"),
        index.SearchField("emergency_text"),
    ]

    class Meta:
        verbose_name = "水道事業のトップページ"

    def get_context(self, request, *args, **kwargs):
        from faq.models import FAQPage

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        outage_index = WaterOutageNoticeIndexPage.objects.descendant_of(self).live().first()
        notices = WaterOutageNoticePage.objects.descendant_of(self).live().public().not_ended(now)
        context["outage_index"] = outage_index
        context["outage_notices"] = sorted(notices, key=lambda n: (n.status(now) != "active", n.starts_at))
        context["news_index"] = WaterNewsIndexPage.objects.descendant_of(self).live().first()
        context["news_items"] = list(
            WaterNewsPage.objects.descendant_of(self).live().public().order_by("-date", "-pk")[:5]
        )
        context["application_page"] = WaterApplicationPage.objects.descendant_of(self).live().first()
        context["rate_page"] = WaterRatePage.objects.descendant_of(self).live().first()
        context["quality_page"] = WaterQualityPage.objects.descendant_of(self).live().first()
        context["faq_pages"] = list(
            FAQPage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("path")
            .only("title", "url_path")[:10]
        )
        context["procedure_pages"] = list(
            WaterStandardPage.objects.child_of(self).live().public().in_menu().only("title", "url_path")
        )
        return context


class WaterStandardPage(BasePage):
    """An ordinary page of the water site (手続きの案内, 個人情報の取扱い, 漏水の修理 …)."""

    body = StreamField(body_blocks(), verbose_name="本文", blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["water.WaterHomePage", "water.WaterStandardPage"]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "水道事業の一般ページ"


# --- お知らせ ---------------------------------------------------------------------------------------


class WaterNewsIndexPage(IntroMixin, BasePage):
    parent_page_types = ["water.WaterHomePage"]
    subpage_types = ["water.WaterNewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "水道事業のお知らせ一覧"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_items"] = list(
            WaterNewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")[:50]
        )
        return context


class WaterNewsPage(BasePage):
    search_kind = "news"

    date = models.DateField("掲載日", default=timezone.localdate)
    body = StreamField(body_blocks(), verbose_name="本文", blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("body")]
    parent_page_types = ["water.WaterNewsIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "水道事業のお知らせ"


# --- 断水・濁水・工事のお知らせ -------------------------------------------------------------------------


class OutageStatus(models.TextChoices):
    PLANNED = "planned", "予定"
    ACTIVE = "active", "実施中"
    ENDED = "ended", "終了"


class WaterOutageNoticeQuerySet(PageQuerySet):
    """Status is derived from the clock: these filters are the only definition of it in SQL."""

    def planned(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def ended(self, now=None):
        return self.filter(ends_at__lte=now or timezone.now())

    def not_ended(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def with_status(self, status, now=None):
        return {"planned": self.planned, "active": self.active, "ended": self.ended}[status](now)


class WaterOutageNoticeIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """断水・濁水・工事のお知らせ: a list with a status filter, and an RSS feed at rss/."""

    parent_page_types = ["water.WaterHomePage"]
    subpage_types = ["water.WaterOutageNoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "断水・濁水・工事のお知らせ一覧"

    def notices(self):
        return WaterOutageNoticePage.objects.child_of(self).live().public()

    @path("")
    def index_view(self, request):
        status = request.GET.get("status", "")
        if status not in OutageStatus.values:
            status = ""
        now = timezone.now()
        notices = self.notices()
        if status:
            notices = notices.with_status(status, now)
        order = {"active": 0, "planned": 1, "ended": 2}
        notices = sorted(
            notices.order_by("-starts_at")[:200],
            key=lambda n: (
                order[n.status(now)],
                n.starts_at if n.status(now) != "ended" else -n.ends_at.timestamp(),
            ),
        )
        return self.render(
            request,
            context_overrides={
                "notices": notices,
                "status": status,
                "status_choices": OutageStatus.choices,
                "now": now,
            },
        )

    @path("rss/")
    def rss_view(self, request):
        from water.feeds import outage_feed_response

        return outage_feed_response(self, request)


class WaterOutageNoticePage(BasePage):
    """断水・濁水・工事のお知らせ, one per event. Its status (予定 / 実施中 / 終了) follows the clock."""

    search_kind = "news"

    REASON_CHOICES = [("construction", "工事"), ("emergency", "緊急修繕"), ("other", "その他")]
    KIND_CHOICES = [("outage", "断水"), ("turbidity", "濁水"), ("works", "工事")]

    kind = models.CharField("種類", max_length=20, choices=KIND_CHOICES, default="outage")
    area = models.CharField("地区", max_length=200, help_text="例：大町、宮先町の一部")
    starts_at = models.DateTimeField("開始日時")
    ends_at = models.DateTimeField("終了日時（予定）")
    reason = models.CharField("理由", max_length=20, choices=REASON_CHOICES, default="construction")
    details = StreamField(body_blocks(), verbose_name="詳細", blank=True, use_json_field=True)

    objects = PageManager.from_queryset(WaterOutageNoticeQuerySet)()
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("reason"),
        FieldPanel("details"),
    ]
    parent_page_types = ["water.WaterOutageNoticeIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("area"), index.SearchField("details")]

    class Meta:
        verbose_name = "断水・濁水・工事のお知らせ"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "終了日時は開始日時より後にしてください。"})

    def status(self, now=None):
        now = now or timezone.now()
        if self.starts_at > now:
            return OutageStatus.PLANNED.value
        if self.ends_at > now:
            return OutageStatus.ACTIVE.value
        return OutageStatus.ENDED.value

    def status_label(self, now=None):
        return OutageStatus(self.status(now)).label

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status"] = self.status()
        return context


# --- 料金 -------------------------------------------------------------------------------------------


def tier_problems(tiers, label):
    """What is wrong with a list of (lower, upper) bands: they must start at 0, follow on without gaps
    or overlaps and end with no upper limit, or the calculator would charge some m³ twice or never."""
    problems = []
    expected = 0
    bands = sorted(tiers, key=lambda band: band[0])
    for lower, upper in bands:
        if lower != expected:
            problems.append(
                f"{label}：{expected}m³を超える量から始まる段階が必要です（{lower}m³からの段階があります）。"
            )
        if upper is not None and upper <= lower:
            problems.append(f"{label}：{lower}m³からの段階の上限は下限より大きくしてください。")
        expected = upper if upper is not None else None
        if expected is None:
            break
    if bands and expected is not None:
        problems.append(f"{label}：最後の段階の上限は空欄（上限なし）にしてください。")
    if len(bands) != len({band[0] for band in bands}):
        problems.append(f"{label}：同じ水量から始まる段階が重複しています。")
    return problems


class WaterRatePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()

        def rows(name):
            formset = self.formsets.get(name)
            if formset is None:
                return []
            # ClusterForm validates the inline formsets after this form: validate them now to read them.
            formset.is_valid()
            return [
                form.cleaned_data
                for form in formset.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            ]

        groups = {}
        for row in rows("volume_tiers"):
            groups.setdefault(row.get("diameter_mm"), []).append(
                (row.get("lower_m3") or 0, row.get("upper_m3"))
            )
        problems = []
        for diameter, bands in groups.items():
            problems += tier_problems(bands, f"口径{diameter}mmの従量料金" if diameter else "従量料金")
        sewer = [(row.get("lower_m3") or 0, row.get("upper_m3")) for row in rows("sewerage_tiers")]
        problems += tier_problems(sewer, "下水道使用料")
        diameters = [row.get("diameter_mm") for row in rows("basic_charges")]
        if len(diameters) != len(set(diameters)):
            problems.append("基本料金：同じ口径が2回入力されています。")
        if None not in groups and any(d not in groups for d in diameters):
            problems.append("従量料金：すべての口径に共通の段階（対象の口径が空欄）を入力してください。")
        for problem in problems:
            self.add_error(None, problem)
        return cleaned


class WaterRatePage(RoutablePageMixin, IntroMixin, BasePage):
    """料金表 and 料金シミュレーション. Rates are rows edited in inline panels, per two-month period."""

    ROUNDING_CHOICES = [
        ("floor", "1円未満切り捨て"),
        ("round", "1円未満四捨五入"),
        ("ceil", "1円未満切り上げ"),
    ]

    is_sample = models.BooleanField(
        "見本の料金表",
        default=False,
        help_text="チェックすると「この料金表は見本です」と表示します。実際の料金を入力したら外してください。",
    )
    billing_period_months = models.PositiveSmallIntegerField("検針・請求の期間（か月）", default=2)
    tax_rate = models.DecimalField(
        "消費税率（％）",
        max_digits=4,
        decimal_places=1,
        default=Decimal("10.0"),
        validators=[MinValueValidator(0)],
    )
    rounding = models.CharField("端数の処理", max_length=10, choices=ROUNDING_CHOICES, default="floor")
    sewerage_basic_charge = models.DecimalField(
        "下水道使用料の基本使用料（円・税抜）",
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    notes = RichTextField("注意事項", blank=True, features=["bold", "link", "ul", "ol"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("is_sample"),
        MultiFieldPanel(
            [FieldPanel("billing_period_months"), FieldPanel("tax_rate"), FieldPanel("rounding")],
            heading="計算の条件",
        ),
        InlinePanel("basic_charges", heading="水道料金：口径別の基本料金", label="口径", min_num=1),
        InlinePanel("volume_tiers", heading="水道料金：従量料金", label="段階", min_num=1),
        FieldPanel("sewerage_basic_charge"),
        InlinePanel("sewerage_tiers", heading="下水道使用料：従量使用料", label="段階"),
        FieldPanel("notes"),
    ]
    parent_page_types = ["water.WaterHomePage", "water.WaterStandardPage"]
    subpage_types = []
    base_form_class = WaterRatePageForm

    search_fields = IntroMixin.search_fields + [index.SearchField("notes")]

    class Meta:
        verbose_name = "水道料金のページ"

    @path("")
    def index_view(self, request):
        from water.rates import RateForm, build_rate_schedule

        schedule = build_rate_schedule(self)
        form = RateForm(schedule, request.GET or None)
        result = None
        if form.is_bound and form.is_valid():
            result = schedule.calculate(form.cleaned_data["diameter"], form.cleaned_data["usage"])
        return self.render(
            request,
            context_overrides={"schedule": schedule, "form": form, "result": result},
        )


class WaterMeterBasicCharge(Orderable):
    page = ParentalKey(WaterRatePage, on_delete=models.CASCADE, related_name="basic_charges")
    diameter_mm = models.PositiveSmallIntegerField("口径（mm）")
    basic_charge = models.DecimalField(
        "基本料金（円・税抜）", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [FieldPanel("diameter_mm"), FieldPanel("basic_charge")]

    class Meta(Orderable.Meta):
        verbose_name = "口径別の基本料金"


class WaterVolumeTier(Orderable):
    """One band of 従量料金: usage above `lower_m3` up to `upper_m3` (blank: no upper limit)."""

    page = ParentalKey(WaterRatePage, on_delete=models.CASCADE, related_name="volume_tiers")
    diameter_mm = models.PositiveSmallIntegerField(
        "対象の口径（mm）",
        null=True,
        blank=True,
        help_text="空欄はすべての口径に共通です。口径ごとに単価が違うときだけ入力します。",
    )
    lower_m3 = models.PositiveIntegerField("使用水量（m³）を超える量から", default=0)
    upper_m3 = models.PositiveIntegerField(
        "使用水量（m³）まで", null=True, blank=True, help_text="空欄は上限なし"
    )
    price_per_m3 = models.DecimalField(
        "1m³あたりの単価（円・税抜）", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [
        FieldPanel("diameter_mm"),
        FieldPanel("lower_m3"),
        FieldPanel("upper_m3"),
        FieldPanel("price_per_m3"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "従量料金の段階"


class SewerageVolumeTier(Orderable):
    page = ParentalKey(WaterRatePage, on_delete=models.CASCADE, related_name="sewerage_tiers")
    lower_m3 = models.PositiveIntegerField("使用水量（m³）を超える量から", default=0)
    upper_m3 = models.PositiveIntegerField(
        "使用水量（m³）まで", null=True, blank=True, help_text="空欄は上限なし"
    )
    price_per_m3 = models.DecimalField(
        "1m³あたりの単価（円・税抜）", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [FieldPanel("lower_m3"), FieldPanel("upper_m3"), FieldPanel("price_per_m3")]

    class Meta(Orderable.Meta):
        verbose_name = "下水道使用料の段階"


# --- 水質 -------------------------------------------------------------------------------------------


class WaterQualitySamplingPoint(models.Model):
    name = models.CharField("採水地点", max_length=100, unique=True)
    description = models.CharField("説明", max_length=200, blank=True, help_text="例：給水栓（浄水場系統）")
    sort_order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        verbose_name = "採水地点"
        verbose_name_plural = "採水地点"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class WaterQualityItem(models.Model):
    """A test item and its 基準値: a numeric minimum and/or maximum, or 検出されないこと."""

    name = models.CharField("検査項目", max_length=100, unique=True)
    unit = models.CharField("単位", max_length=30, blank=True)
    standard_text = models.CharField(
        "基準値（表示用）", max_length=100, help_text="例：100以下、検出されないこと"
    )
    standard_min = models.DecimalField("基準の下限", max_digits=10, decimal_places=3, null=True, blank=True)
    standard_max = models.DecimalField("基準の上限", max_digits=10, decimal_places=3, null=True, blank=True)
    must_not_be_detected = models.BooleanField("検出されないこと", default=False)
    sort_order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        verbose_name = "水質検査項目"
        verbose_name_plural = "水質検査項目"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def exceeds(self, value):
        """Whether a result as written (「0.4」「検出されず」「検出」「0.1未満」) breaks the standard."""
        from water.quality import value_exceeds

        return value_exceeds(self, value)


class WaterQualityResult(models.Model):
    month = models.DateField("検査月", help_text="月の初日で保存します。")
    sampling_point = models.ForeignKey(
        WaterQualitySamplingPoint, verbose_name="採水地点", on_delete=models.CASCADE, related_name="results"
    )
    item = models.ForeignKey(
        WaterQualityItem, verbose_name="検査項目", on_delete=models.CASCADE, related_name="results"
    )
    value = models.CharField("結果", max_length=30)
    exceeds_standard = models.BooleanField("基準値超過", default=False, editable=False)

    class Meta:
        verbose_name = "水質検査結果"
        verbose_name_plural = "水質検査結果"
        ordering = ["-month", "sampling_point__sort_order", "item__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "sampling_point", "item"], name="water_quality_result_unique"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y年%m月} {self.sampling_point} {self.item}"

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        self.exceeds_standard = self.item.exceeds(self.value)
        super().save(*args, **kwargs)


class WaterQualityPage(RoutablePageMixin, IntroMixin, BasePage):
    """水質検査の結果: a table per month, values over the standard flagged in words; CSV at csv/."""

    notes = RichTextField("注意事項", blank=True, features=["bold", "link", "ul", "ol"])

    content_panels = IntroMixin.content_panels + [FieldPanel("notes")]
    parent_page_types = ["water.WaterHomePage", "water.WaterStandardPage"]
    subpage_types = []

    search_fields = IntroMixin.search_fields + [index.SearchField("notes")]

    class Meta:
        verbose_name = "水質検査結果のページ"

    @path("")
    def index_view(self, request):
        from water.quality import month_table, parse_month

        months = list(WaterQualityResult.objects.dates("month", "month", order="DESC"))
        month = parse_month(request.GET.get("month", ""))
        if month not in months:
            month = months[0] if months else None
        table = month_table(month) if month else None
        return self.render(request, context_overrides={"months": months, "month": month, "table": table})

    @path("csv/")
    def csv_view(self, request):
        from water.quality import csv_response, parse_month

        return csv_response(parse_month(request.GET.get("month", "")))


# --- 開栓・閉栓の申込み ------------------------------------------------------------------------------------


class WaterApplicationPage(BasePage):
    """開栓・閉栓の申込み: the form, its 確認 step and 完了 page, all served by this page (see serve())."""

    intro = RichTextField("導入文", blank=True, features=["bold", "link", "ul"])
    privacy_summary = RichTextField("個人情報の取扱い（要約）", blank=True, features=["bold", "link", "ul"])
    privacy_page = optional_link("wagtailcore.Page", "個人情報の取扱いのページ")
    completion_text = RichTextField("完了画面の案内", blank=True, features=["bold", "link", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_summary"),
        FieldPanel("privacy_page"),
        FieldPanel("completion_text"),
    ]
    parent_page_types = ["water.WaterHomePage", "water.WaterStandardPage"]
    subpage_types = []
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "開栓・閉栓の申込みフォーム"

    def serve(self, request, *args, **kwargs):
        from water.views import serve_application_page

        return serve_application_page(self, request)


class ApplicationType(models.TextChoices):
    START = "start", "使用開始"
    STOP = "stop", "使用中止"
    TRANSFER = "transfer", "名義変更"


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", "受付"
    IN_PROGRESS = "in_progress", "確認中"
    COMPLETED = "completed", "完了"
    CANCELLED = "cancelled", "取消"


class SettlementMethod(models.TextChoices):
    ACCOUNT = "account", "口座振替（現在の口座から引き落とし）"
    SLIP = "slip", "納付書（転居先へ郵送）"
    COUNTER = "counter", "窓口で支払う"


class WaterApplicationDailyCounter(models.Model):
    """The last 受付番号 of a day; its row is locked while a number is taken (see applications.py)."""

    date = models.DateField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.date}: {self.last_number}"


class WaterApplication(models.Model):
    """An application to start, stop or transfer water service. Personal data: see purge command.

    Deliberately not a snippet: no revisions or search index entries keep copies of the personal
    data, and its __str__ (used in Wagtail's log entries) is the 受付番号 only.
    """

    PERSONAL_FIELDS = [
        "address",
        "customer_number",
        "name",
        "name_kana",
        "phone",
        "email",
        "forwarding_address",
        "note",
    ]

    reception_number = models.CharField("受付番号", max_length=20, unique=True, editable=False)
    received_at = models.DateTimeField("受付日時", default=timezone.now, editable=False)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    application_type = models.CharField("申込種別", max_length=20, choices=ApplicationType.choices)
    status = models.CharField(
        "状態", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED
    )
    address = models.CharField("使用場所の住所", max_length=200)
    customer_number = models.CharField("お客さま番号", max_length=20, blank=True)
    name = models.CharField("使用者氏名", max_length=100)
    name_kana = models.CharField("フリガナ", max_length=100)
    phone = models.CharField("電話番号", max_length=20)
    email = models.EmailField("メールアドレス", blank=True)
    preferred_date = models.DateField("希望日")
    settlement_method = models.CharField(
        "精算方法", max_length=20, choices=SettlementMethod.choices, blank=True
    )
    forwarding_address = models.CharField("転居先住所", max_length=200, blank=True)
    note = models.TextField("備考", blank=True)
    closed_at = models.DateTimeField("完了・取消の日時", null=True, blank=True, editable=False)
    anonymized_at = models.DateTimeField("個人情報の削除日時", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "開栓・閉栓の申込み"
        verbose_name_plural = "開栓・閉栓の申込み"
        ordering = ["-received_at", "-pk"]
        default_permissions = ()
        permissions = [("handle_waterapplication", "開栓・閉栓の申込みを閲覧・処理できる")]

    def __str__(self):
        # Only the 受付番号: this string ends up in Wagtail's log entries and page titles.
        return self.reception_number

    @property
    def is_anonymized(self):
        return self.anonymized_at is not None


class WaterApplicationStatusChange(models.Model):
    application = models.ForeignKey(WaterApplication, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("変更前", max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField("変更後", max_length=20, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="変更した人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField("変更日時", default=timezone.now)
    note = models.CharField("メモ", max_length=500, blank=True)

    class Meta:
        verbose_name = "申込みの状態の変更"
        ordering = ["changed_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.application} {self.get_to_status_display()}"
