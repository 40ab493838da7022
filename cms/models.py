from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
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
    organization_name = models.CharField("運営者名", max_length=100, default="須賀川市")
    postal_code = models.CharField("郵便番号", max_length=10, blank=True)
    address = models.CharField("所在地", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=50, blank=True)
    fax = models.CharField("FAX番号", max_length=50, blank=True)
    office_hours = models.CharField("開庁時間", max_length=200, blank=True)
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
            [FieldPanel("site_name"), FieldPanel("logo_text"), FieldPanel("theme")],
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
