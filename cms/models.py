"""Models every app shares: the Site's identity and the 担当課 pages name. Page bases: cms.pages."""

from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from cms.fields import optional_link
from cms.i18n import foreign_language_field_names, with_foreign_languages


@register_setting(icon="site")
@with_foreign_languages("office_hours")
class SiteIdentity(BaseSiteSetting):
    """Who runs a Site: shown in the header and footer of every page of that Site."""

    THEME_CHOICES = [
        ("city", "市のサイト（緑）"),
        ("water", "水道事業（青）"),
    ]

    site_name = models.CharField("サイト名", max_length=100, default="須賀川市")
    logo_text = models.CharField(
        "ロゴの文字",
        max_length=100,
        blank=True,
        help_text="ヘッダーに表示する文字です。空欄の場合はサイト名を表示します。",
    )
    emblem = optional_link(
        "wagtailimages.Image",
        "市章・ロゴの画像",
        help_text="ヘッダーでロゴの文字の左に表示します（任意）。正方形に近い画像が適しています。",
    )
    organization_name = models.CharField("運営者名", max_length=100, default="須賀川市")
    postal_code = models.CharField("郵便番号", max_length=10, blank=True)
    address = models.CharField("所在地", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=50, blank=True)
    fax = models.CharField("FAX番号", max_length=50, blank=True)
    office_hours = models.CharField("開庁時間", max_length=200, blank=True)
    # For visitors from abroad: the address in Latin letters (as the post and maps write it), office
    # hours in each language (office_hours_en … from @with_foreign_languages). Settings are not pages,
    # so wagtail-localize does not translate them.
    address_romanised = models.CharField(
        "所在地（ローマ字）",
        max_length=200,
        blank=True,
        help_text="外国語のページに表示します。例：135 Hachimanmachi, Sukagawa, Fukushima 962-8601",
    )
    corporate_number = models.CharField(
        "法人番号",
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$", "法人番号は13桁の数字で入力してください。")],
    )
    theme = models.CharField("配色", max_length=20, choices=THEME_CHOICES, default="city")
    parent_site_url = models.URLField(
        "親サイトのURL", blank=True, help_text="水道事業サイトなどから市のサイトへ戻るリンクに使います。"
    )
    parent_site_label = models.CharField("親サイトへのリンクの文字", max_length=100, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("logo_text"), FieldPanel("emblem"), FieldPanel("theme")],
            heading="サイトの表示",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organization_name"),
                FieldPanel("postal_code"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("office_hours"),
                FieldPanel("corporate_number"),
            ],
            heading="フッターに表示する連絡先",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_romanised"),
                *(FieldPanel(name) for name in foreign_language_field_names("office_hours")),
            ],
            heading="外国語のページに表示する連絡先",
            help_text="電話番号は外国からかける形（+81-248-75-1111）で自動的に表示します。",
        ),
        MultiFieldPanel([FieldPanel("parent_site_url"), FieldPanel("parent_site_label")], heading="親サイト"),
    ]

    class Meta:
        verbose_name = "サイトの基本情報"
        verbose_name_plural = "サイトの基本情報"

    def __str__(self):
        return self.site_name

    @property
    def display_logo_text(self):
        return self.logo_text or self.site_name


class Department(index.Indexed, models.Model):
    """担当課: who answers for a page, on every Site. Pages show 「このページに関するお問い合わせ」 from it."""

    name = models.CharField("部署名", max_length=100)
    section = models.CharField("係", max_length=100, blank=True)
    phone = models.CharField("電話番号", max_length=50, blank=True)
    fax = models.CharField("FAX番号", max_length=50, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    location = models.CharField("所在地", max_length=200, blank=True, help_text="例：市役所本庁舎2階")
    office_hours = models.CharField("受付時間", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)
    duties = models.TextField("主な業務", blank=True, help_text="担当課の一覧に表示します。")

    panels = [
        FieldPanel("name"),
        FieldPanel("section"),
        FieldPanel("phone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("location"),
        FieldPanel("office_hours"),
        FieldPanel("duties"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("section"), index.AutocompleteField("name")]

    class Meta:
        # The table keeps the name it had when Department lived in the home app (no data migration).
        db_table = "home_department"
        verbose_name = "担当課"
        verbose_name_plural = "担当課"
        ordering = ["sort_order", "name", "section"]
        constraints = [models.UniqueConstraint(fields=["name", "section"], name="unique_department_section")]

    def __str__(self):
        return f"{self.name} {self.section}".strip()
