"""Aggregates for the city plan's indicators (計画の指標). Nothing here identifies a visitor.

A page view is one number per page and day: no address, no cookie, no user agent, no time of day,
no referrer is stored, not even for a moment (see counting.py and docs/indicators.md).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from indicators.fiscal import jst_date


class PageViewDaily(models.Model):
    """Page views of one page (or, from the access log, one path) on one day (JST)."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name="サイト", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="ページ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The path the page had when first counted that day (kept when the page is deleted).
    path = models.CharField("パス", max_length=500)
    date = models.DateField("日付（日本時間）")
    count = models.PositiveIntegerField("閲覧数", default=0)

    class Meta:
        verbose_name = "ページの閲覧数（日別）"
        verbose_name_plural = "ページの閲覧数（日別）"
        default_permissions = ()
        permissions = [
            ("view_all_indicators", "計画の指標をすべて閲覧できる"),
            ("view_water_indicators", "水道事業の指標（5-3・5-4）を閲覧できる"),
            ("view_tourism_indicators", "観光の指標（8-2）を閲覧できる"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "date"], condition=Q(page__isnull=False), name="indicators_pageview_page_date"
            ),
            models.UniqueConstraint(
                fields=["site", "date", "path"],
                condition=Q(page__isnull=True),
                name="indicators_pageview_site_date_path",
            ),
        ]
        indexes = [models.Index(fields=["date", "site"], name="indicators_pv_date_site")]

    def __str__(self):
        return f"{self.date} {self.path}: {self.count}"


class ApplicationKind(models.TextChoices):
    START = "start", "開栓（使用開始）"
    STOP = "stop", "閉栓（使用中止）"


class ApplicationChannel(models.TextChoices):
    PHONE = "phone", "電話"
    COUNTER = "counter", "窓口"


class WaterApplicationTally(models.Model):
    """開栓・閉栓の申込みを電話・窓口で受け付けた件数. 経営課 records them; no personal data at all."""

    kind = models.CharField("種類", max_length=10, choices=ApplicationKind.choices, default=ApplicationKind.START)
    channel = models.CharField(
        "受付の方法", max_length=10, choices=ApplicationChannel.choices, default=ApplicationChannel.PHONE
    )
    date = models.DateField("受付日", default=jst_date)
    count = models.PositiveIntegerField(
        "件数",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text="同じ日・同じ種類・同じ受付方法の件数をまとめて入力できます。氏名などの個人情報は入力しません。",
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "電話・窓口の開閉栓受付"
        verbose_name_plural = "電話・窓口の開閉栓受付"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"], name="indicators_tally_date")]

    def __str__(self):
        day = self.date
        return f"{day.year}年{day.month}月{day.day}日 {self.get_channel_display()} {self.get_kind_display()} {self.count}件"


class AccessLogPosition(models.Model):
    """How far count_page_views has read an access log (by inode, so a rotated log starts over)."""

    log_path = models.CharField("ログファイル", max_length=500, unique=True)
    inode = models.PositiveBigIntegerField("iノード番号", default=0)
    offset = models.PositiveBigIntegerField("読み終えた位置（バイト）", default=0)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "アクセスログの読み取り位置"
        default_permissions = ()

    def __str__(self):
        return f"{self.log_path}: {self.offset}"
