"""観光ガイド: spots, events, the peony garden's bloom status and the open data page.

Japanese pages are the source; en / zh-hans / zh-hant / ko pages are wagtail-localize translations.
Fields that are not language (coordinates, dates, prices, images, categories) are synchronized from
the Japanese page and cannot be overridden by a translator.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import GalleryBlock, HeadingBlock, ImageBlock, ParagraphBlock
from cms.fields import optional_link
from cms.i18n import foreign_language_field_names, with_foreign_languages
from cms.images import ALT_REQUIRED, MainImageMixin
from cms.pages import BasePage, IntroMixin

SPOT_CATEGORIES = [
    ("nature", _("自然・公園")),
    ("history", _("歴史・文化")),
    ("festival", _("祭り・イベント")),
    ("food", _("食・お土産")),
    ("ultraman", _("円谷英二・ウルトラマン")),
    ("onsen", _("温泉・体験")),
]

BLOOM_STATUSES = [
    ("bud", _("つぼみ")),
    ("starting", _("咲き始め")),
    ("full", _("見頃")),
    ("falling", _("散り始め")),
    ("over", _("終了")),
]

WEEKDAY_NOTE = "例：月火水木金土日（オープンデータの「利用可能曜日」）"


def body_field(verbose_name="本文"):
    return StreamField(
        [
            ("heading", HeadingBlock()),
            ("paragraph", ParagraphBlock()),
            ("image", ImageBlock()),
            ("gallery", GalleryBlock()),
        ],
        verbose_name=verbose_name,
        blank=True,
    )


def require_photo_alt(page):
    """A page's photo says what it shows: no photo without its alt text."""
    from django.core.exceptions import ValidationError

    if page.photo_id and not (page.photo_alt or "").strip():
        raise ValidationError({"photo_alt": ALT_REQUIRED.replace("か、「装飾のための画像」を選んで", "して")})


def synchronized(*names):
    """Non-language fields: copied from the Japanese page on every sync, not editable per language."""
    return [SynchronizedField(name, overridable=False) for name in names]


class HighlightBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="見出し", max_length=80)
    text = blocks.TextBlock(label="説明", max_length=300)
    link = blocks.PageChooserBlock(label="リンク先のページ", required=False)

    class Meta:
        label = "今季の見どころ"
        icon = "pick"


class TourismTopPage(MainImageMixin, IntroMixin, BasePage):
    """観光ガイドのトップ: featured spots, this season's highlights, upcoming events, bloom status."""

    search_kind = "tourism"

    highlights = StreamField([("highlight", HighlightBlock())], verbose_name="今季の見どころ", blank=True)

    content_panels = (
        IntroMixin.content_panels + MainImageMixin.main_image_panels + [FieldPanel("highlights")]
    )
    parent_page_types = ["home.CityHomePage"]
    subpage_types = ["tourism.SpotIndexPage", "tourism.EventIndexPage"]
    max_count_per_parent = 1
    search_fields = IntroMixin.search_fields + [index.SearchField("highlights")]

    class Meta:
        verbose_name = "観光ガイドのトップ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self))
        return context


def guide_context(guide):
    """What the guide top shows: also used by the foreign-language top pages of the city site."""
    return {
        "guide": guide,
        "featured_spots": SpotPage.objects.live()
        .public()
        .descendant_of(guide)
        .filter(featured=True)
        .order_by("path")
        .select_related("photo"),
        "upcoming_events": with_localized_venues(
            EventPage.upcoming().descendant_of(guide)[:4], guide.locale_id
        ),
        "spot_index": SpotIndexPage.objects.live().child_of(guide).first(),
        "event_index": EventIndexPage.objects.live().child_of(guide).first(),
        "opendata_page": OpenDataPage.objects.live().filter(locale_id=guide.locale_id).first(),
        "bloom": PeonyBloomReport.current(),
        "bloom_steps": BLOOM_STATUSES,
    }


def with_localized_venues(events, locale_id):
    """Events with their venue spot in the events' language, fetched in one query (no N+1)."""
    events = list(events.select_related("venue_spot"))
    keys = {event.venue_spot.translation_key for event in events if event.venue_spot_id}
    localized = {
        spot.translation_key: spot
        for spot in SpotPage.objects.live().filter(locale_id=locale_id, translation_key__in=keys)
    }
    for event in events:
        if event.venue_spot_id:
            event.__dict__["venue"] = localized.get(event.venue_spot.translation_key, event.venue_spot)
    return events


def japanese_version(page):
    """The Japanese source of a translated page (its name and address help a visitor ask the way)."""
    from wagtail.models import Locale

    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    return page.get_translation_or_none(Locale.get_default())


class SpotIndexPage(IntroMixin, BasePage):
    """観光スポット一覧, filterable by category."""

    search_kind = "tourism"

    parent_page_types = ["tourism.TourismTopPage"]
    subpage_types = ["tourism.SpotPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "観光スポット一覧"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        spots = SpotPage.objects.live().public().child_of(self).order_by("path")
        used = set(spots.values_list("category", flat=True))
        selected = request.GET.get("category", "")
        if selected not in used:
            selected = ""
        if selected:
            spots = spots.filter(category=selected)
        context["spots"] = spots.select_related("photo")
        context["categories"] = [(value, label) for value, label in SPOT_CATEGORIES if value in used]
        context["selected_category"] = selected
        return context


class SpotPage(BasePage):
    """観光スポット: one place a visitor can go."""

    search_kind = "tourism"

    reading = models.CharField("名称のよみがな（カナ）", max_length=120, blank=True)
    category = models.CharField("分類", max_length=20, choices=SPOT_CATEGORIES, default="nature")
    featured = models.BooleanField("観光ガイドのトップで紹介する", default=False)
    summary = models.TextField("概要", max_length=400, help_text="一覧とトップに表示する短い説明です。")
    body = body_field()
    photo = optional_link("wagtailimages.Image", "写真")
    photo_alt = models.CharField(
        "写真の代替テキスト", max_length=200, blank=True, help_text="写真の内容を文章で説明してください。"
    )
    photo_licence = models.CharField("写真のライセンス", max_length=100, blank=True, default="CC BY 4.0")
    photo_caption = models.CharField(
        "写真のキャプション",
        max_length=200,
        blank=True,
        help_text="写真でない図やイラストのときは、そう書いてください（例：イラスト）。翻訳の対象です。",
    )

    address = models.CharField("住所", max_length=200)
    address_note = models.CharField("方書（建物名など）", max_length=200, blank=True)
    latitude = models.DecimalField(
        "緯度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "経度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    open_weekdays = models.CharField("利用可能曜日", max_length=20, blank=True, help_text=WEEKDAY_NOTE)
    opening_time = models.TimeField("開始時間", null=True, blank=True)
    closing_time = models.TimeField("終了時間", null=True, blank=True)
    opening_hours = models.CharField("営業時間・開園期間", max_length=300, blank=True)
    closed_days = models.CharField("休業日", max_length=200, blank=True)
    fee_basic = models.PositiveIntegerField(
        "料金（基本・円）", null=True, blank=True, help_text="大人1人の料金。無料は0、料金がない場所は空欄。"
    )
    fee_details = models.CharField("料金（詳細）", max_length=300, blank=True)

    access_from_station = models.CharField("JR須賀川駅からのアクセス", max_length=300, blank=True)
    access_from_expressway = models.CharField("高速道路からのアクセス", max_length=300, blank=True)
    parking = models.CharField("駐車場", max_length=200, blank=True)
    barrier_free = models.CharField("バリアフリー情報", max_length=300, blank=True)

    contact_name = models.CharField("問い合わせ先", max_length=120, blank=True)
    contact_phone = models.CharField("電話番号", max_length=30, blank=True)
    official_url = models.URLField("公式サイトのURL", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("reading"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("featured")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt"), FieldPanel("photo_caption"), FieldPanel("photo_licence")],
            "写真",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_note"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            "所在地",
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldRowPanel([FieldPanel("opening_time"), FieldPanel("closing_time")]),
                FieldPanel("open_weekdays"),
                FieldPanel("closed_days"),
                FieldPanel("fee_basic"),
                FieldPanel("fee_details"),
            ],
            "営業時間・料金",
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_from_station"),
                FieldPanel("access_from_expressway"),
                FieldPanel("parking"),
                FieldPanel("barrier_free"),
            ],
            "アクセス",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("official_url")],
            "問い合わせ",
        ),
    ]
    override_translatable_fields = synchronized(
        "reading",
        "address",
        "address_note",
        "category",
        "featured",
        "photo",
        "photo_licence",
        "latitude",
        "longitude",
        "open_weekdays",
        "opening_time",
        "closing_time",
        "fee_basic",
        "contact_phone",
        "official_url",
    )
    parent_page_types = ["tourism.SpotIndexPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [
        index.SearchField("reading"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.SearchField("address_note"),
        index.SearchField("opening_hours"),
        index.SearchField("closed_days"),
        index.SearchField("fee_details"),
        index.SearchField("access_from_station"),
        index.SearchField("access_from_expressway"),
        index.SearchField("parking"),
        index.SearchField("barrier_free"),
        index.SearchField("contact_name"),
        index.FilterField("category"),
    ]

    def clean(self):
        super().clean()
        require_photo_alt(self)

    class Meta:
        verbose_name = "観光スポット"
        verbose_name_plural = "観光スポット"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        japanese = japanese_version(self)
        context["japanese"] = japanese
        # Events point at the Japanese spot (a synchronized field); list those of this language.
        context["events"] = (
            with_localized_venues(
                EventPage.upcoming().filter(locale_id=self.locale_id, venue_spot_id=japanese.pk),
                self.locale_id,
            )
            if japanese
            else []
        )
        return context

    @property
    def map_url(self):
        """Opens the place in the visitor's map app (Google Maps' universal link works on every phone)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.google.com/maps/search/?api=1&query={self.latitude},{self.longitude}"

    @property
    def osm_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=16/{self.latitude}/{self.longitude}"

    @property
    def geo_uri(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return f"geo:{self.latitude},{self.longitude}?q={self.latitude},{self.longitude}({quote(self.title)})"


class EventIndexPage(IntroMixin, BasePage):
    """イベント一覧: upcoming events only; past events drop off by themselves."""

    search_kind = "tourism"

    parent_page_types = ["tourism.TourismTopPage"]
    subpage_types = ["tourism.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "イベント一覧"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = with_localized_venues(EventPage.upcoming().child_of(self), self.locale_id)
        return context


class EventPage(BasePage):
    """イベント: a festival, a garden season, a museum event."""

    search_kind = "tourism"

    reading = models.CharField("イベント名のよみがな（カナ）", max_length=120, blank=True)
    summary = models.TextField("概要", max_length=400)
    body = body_field()
    photo = optional_link("wagtailimages.Image", "写真")
    photo_alt = models.CharField("写真の代替テキスト", max_length=200, blank=True)
    photo_caption = models.CharField(
        "写真のキャプション",
        max_length=200,
        blank=True,
        help_text="写真でない図やイラストのときは、そう書いてください（例：イラスト）。翻訳の対象です。",
    )

    start_date = models.DateField("開始日")
    end_date = models.DateField("終了日", null=True, blank=True, help_text="1日だけのときは空欄。")
    start_time = models.TimeField("開始時間", null=True, blank=True)
    end_time = models.TimeField("終了時間", null=True, blank=True)
    date_note = models.CharField("日時の補足", max_length=300, blank=True, help_text="例：雨天時は翌日に順延")

    venue_spot = optional_link("tourism.SpotPage", "会場（観光スポット）", related_name="events")
    venue_name = models.CharField(
        "会場名", max_length=200, blank=True, help_text="観光スポットにない会場のとき。"
    )
    venue_address = models.CharField("会場の住所", max_length=200, blank=True)
    latitude = models.DecimalField("緯度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("経度", max_digits=9, decimal_places=6, null=True, blank=True)
    access = models.CharField("アクセス", max_length=300, blank=True)
    parking = models.CharField("駐車場", max_length=200, blank=True)

    fee_basic = models.PositiveIntegerField("料金（基本・円）", null=True, blank=True, help_text="無料は0。")
    fee_details = models.CharField("料金（詳細）", max_length=300, blank=True)
    organizer = models.CharField("主催者", max_length=200, blank=True)
    capacity = models.PositiveIntegerField("定員", null=True, blank=True)
    how_to_apply = models.CharField("参加申込方法", max_length=300, blank=True)
    application_deadline = models.DateField("参加申込終了日", null=True, blank=True)
    contact_name = models.CharField("問い合わせ先", max_length=120, blank=True)
    contact_phone = models.CharField("電話番号", max_length=30, blank=True)
    official_url = models.URLField("公式サイトのURL", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("reading"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt"), FieldPanel("photo_caption")], "写真"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("date_note"),
            ],
            "日時",
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_spot"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("access"),
                FieldPanel("parking"),
            ],
            "会場",
        ),
        MultiFieldPanel(
            [
                FieldPanel("fee_basic"),
                FieldPanel("fee_details"),
                FieldPanel("organizer"),
                FieldPanel("capacity"),
                FieldPanel("how_to_apply"),
                FieldPanel("application_deadline"),
            ],
            "料金・申込",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("official_url")],
            "問い合わせ",
        ),
    ]
    override_translatable_fields = synchronized(
        "reading",
        "venue_address",
        "photo",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "venue_spot",
        "latitude",
        "longitude",
        "fee_basic",
        "capacity",
        "application_deadline",
        "contact_phone",
        "official_url",
    )
    parent_page_types = ["tourism.EventIndexPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [
        index.SearchField("reading"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("date_note"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("access"),
        index.SearchField("parking"),
        index.SearchField("fee_details"),
        index.SearchField("organizer"),
        index.SearchField("how_to_apply"),
        index.SearchField("contact_name"),
    ]

    def clean(self):
        super().clean()
        require_photo_alt(self)

    class Meta:
        verbose_name = "イベント"
        verbose_name_plural = "イベント"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["japanese"] = japanese_version(self)
        context["venue"] = self.venue
        return context

    @classmethod
    def upcoming(cls, today=None):
        """Live events that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        return (
            cls.objects.live()
            .public()
            .filter(models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, start_date__gte=today))
            .order_by("start_date", "start_time", "path")
        )

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @cached_property
    def venue(self):
        """The venue spot in this page's language (synchronized FK points at the Japanese spot)."""
        if self.venue_spot_id is None:
            return None
        spot = self.venue_spot
        localized = spot.get_translation_or_none(self.locale)
        return localized if localized is not None and localized.live else spot

    @property
    def venue_label(self):
        venue = self.venue
        return self.venue_name or (venue.title if venue else "")

    @property
    def coordinates(self):
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        venue = self.venue
        if venue is not None and venue.latitude is not None:
            return venue.latitude, venue.longitude
        return None

    @property
    def map_url(self):
        coords = self.coordinates
        if not coords:
            return ""
        return f"https://www.google.com/maps/search/?api=1&query={coords[0]},{coords[1]}"


class OpenDataPage(IntroMixin, BasePage):
    """オープンデータ: the tourism CSVs, their licence and when they last changed."""

    search_kind = "tourism"

    licence_note = RichTextField("ライセンスの説明", blank=True, features=["bold", "link"])

    content_panels = IntroMixin.content_panels + [FieldPanel("licence_note")]
    parent_page_types = ["home.CityHomePage", "tourism.TourismTopPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "オープンデータ"

    def get_context(self, request, *args, **kwargs):
        from tourism.opendata import DATASETS

        context = super().get_context(request, *args, **kwargs)
        context["datasets"] = [dataset.describe() for dataset in DATASETS]
        return context


# 外国語のひとこと・代替テキスト (comment_en, photo_alt_en …): the guide's visitors read the note in their
# language; empty = the Japanese is shown.
@with_foreign_languages("comment", "photo_alt")
class PeonyBloomReport(models.Model):
    """須賀川牡丹園の開花状況. Each update is a new row, so the list of rows is the history."""

    status = models.CharField("開花状況", max_length=20, choices=BLOOM_STATUSES)
    observed_on = models.DateField("確認した日", default=timezone.localdate)
    comment = models.CharField(
        "ひとこと",
        max_length=200,
        blank=True,
        help_text="例：南側の園路沿いが見頃です。外国語の欄が空のときは、日本語のまま各言語に表示します。",
    )
    photo = optional_link("wagtailimages.Image", "写真")
    photo_alt = models.CharField("写真の代替テキスト", max_length=200, blank=True)
    created_at = models.DateTimeField("登録日時", default=timezone.now, editable=False)
    created_by = optional_link(settings.AUTH_USER_MODEL, "登録者", editable=False)

    panels = [
        FieldPanel("status"),
        FieldPanel("observed_on"),
        FieldPanel("comment"),
        MultiFieldPanel([FieldPanel(name) for name in foreign_language_field_names("comment")], "ひとこと（外国語）"),
        FieldPanel("photo"),
        FieldPanel("photo_alt"),
        MultiFieldPanel(
            [FieldPanel(name) for name in foreign_language_field_names("photo_alt")], "写真の代替テキスト（外国語）"
        ),
    ]

    class Meta:
        verbose_name = "牡丹園の開花状況"
        verbose_name_plural = "牡丹園の開花状況"
        ordering = ["-observed_on", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.observed_on:%Y-%m-%d} {self.get_status_display()}"

    @classmethod
    def current(cls):
        return cls.objects.select_related("photo").first()
