"""市公式LINE (plan measure 9-12): what a page sends, to which 配信区分, and the delivery log.

The page fields live here, keyed to the page (PageLineMessage), so that home/ keeps its models as
they are; a delivery (LineDelivery) is recorded before anything is sent and carries the
X-Line-Retry-Key that every attempt of it reuses.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


class DeliveryCategory(models.Model):
    """配信区分 as the city defines them (防災・くらし・子育て・観光…)."""

    name = models.CharField("区分名", max_length=50, unique=True)
    language = models.CharField(
        "言語",
        max_length=10,
        default="ja",
        help_text="この区分で配信するページの言語です（日本語は ja、英語は en など）。",
    )
    audience_group_id = models.BigIntegerField(
        "オーディエンスID",
        null=True,
        blank=True,
        help_text=(
            "LINE公式アカウントの管理画面で作成したオーディエンスの番号です。"
            "空欄の場合は、友だち全員に配信します（ブロードキャスト）。"
        ),
    )
    sort_order = models.PositiveSmallIntegerField("並び順", default=0)

    panels = [FieldPanel("name"), FieldPanel("language"), FieldPanel("audience_group_id"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "LINE配信区分"
        verbose_name_plural = "LINE配信区分"

    def __str__(self):
        return self.name

    @property
    def recipients_text(self):
        if self.audience_group_id:
            return f"{self.name}（オーディエンス {self.audience_group_id}）"
        return f"{self.name}（友だち全員）"


class PageLineMessage(models.Model):
    """「LINEで配信」 of one page: sent when the page is published."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="line_message", verbose_name="ページ")
    enabled = models.BooleanField("LINEで配信する", default=False)
    text = models.TextField("配信する文章", blank=True)
    category = models.ForeignKey(
        DeliveryCategory, on_delete=models.PROTECT, null=True, blank=True, verbose_name="配信区分"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="画像",
    )
    image_alt = models.CharField("画像の代替テキスト", max_length=200, blank=True)
    send_again = models.BooleanField(
        "次の公開でもう一度配信する",
        default=False,
        help_text="配信済みのページを再度公開したときに、もう一度配信します。配信すると自動で外れます。",
    )
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "ページのLINE配信"
        verbose_name_plural = "ページのLINE配信"

    def __str__(self):
        return f"{self.page}のLINE配信"


class LineDelivery(models.Model):
    """One message to LINE: the delivery log (秘書広報課)."""

    QUEUED, SENDING, SENT, FAILED, NOT_CONFIGURED = "queued", "sending", "sent", "failed", "not_configured"
    STATUS_CHOICES = [
        (QUEUED, "配信待ち"),
        (SENDING, "配信中"),
        (SENT, "配信済み"),
        (FAILED, "失敗"),
        (NOT_CONFIGURED, "未設定のため送信せず"),
    ]

    created_at = models.DateTimeField("記録日時", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("配信日時", null=True, blank=True)
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="ページ"
    )
    source = models.CharField("配信元", max_length=300)
    text = models.TextField("配信した文章")
    url = models.URLField("リンク", max_length=500, blank=True)
    image_url = models.URLField("画像", max_length=500, blank=True)
    image_alt = models.CharField("画像の代替テキスト", max_length=200, blank=True)
    category_name = models.CharField("配信区分", max_length=50)
    audience_group_id = models.BigIntegerField("オーディエンスID", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by_name = models.CharField("配信した人", max_length=150, blank=True)
    how = models.CharField("経緯", max_length=100, blank=True)
    status = models.CharField("結果", max_length=20, choices=STATUS_CHOICES, default=QUEUED, db_index=True)
    retry_key = models.UUIDField("再送キー", default=uuid.uuid4, editable=False, unique=True)
    request_id = models.CharField("LINEのリクエストID", max_length=100, blank=True)
    error = models.TextField("エラーの内容", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "LINE配信の記録"
        verbose_name_plural = "LINE配信の記録"
        permissions = [
            ("view_delivery_log", "LINE配信の記録を見る"),
            ("send_emergency_now", "緊急情報を承認なしでLINE配信する"),
        ]

    def __str__(self):
        return f"{self.source}（{self.get_status_display()}）"

    @property
    def recipients_text(self):
        if self.audience_group_id:
            return f"{self.category_name}（オーディエンス {self.audience_group_id}）"
        return f"{self.category_name}（友だち全員）"


class LineDeliveryAttempt(models.Model):
    delivery = models.ForeignKey(LineDelivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField("日時", default=timezone.now)
    http_status = models.PositiveSmallIntegerField("HTTPステータス", null=True, blank=True)
    request_id = models.CharField("LINEのリクエストID", max_length=100, blank=True)
    error = models.TextField("エラーの内容", blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} HTTP {self.http_status or '—'}"


class FollowerCount(models.Model):
    """友だち登録者数 of one day (indicator 9-12): from LINE's statistics API or entered by hand."""

    API, MANUAL = "api", "manual"
    date = models.DateField("日付", unique=True)
    followers = models.PositiveIntegerField("友だち登録者数")
    source = models.CharField(
        "取得方法", max_length=10, choices=[(API, "LINEの統計から取得"), (MANUAL, "手入力")], default=MANUAL
    )

    panels = [FieldPanel("date"), FieldPanel("followers")]

    class Meta:
        ordering = ["-date"]
        verbose_name = "LINE友だち登録者数"
        verbose_name_plural = "LINE友だち登録者数"

    def __str__(self):
        return f"{self.date:%Y年%m月%d日}：{self.followers:,}人"


@register_setting(icon="mail")
class LineSettings(BaseSiteSetting):
    """友だち追加: the city's LINE ID and add-friend link; the QR code is generated from the link."""

    line_id = models.CharField("LINE ID", max_length=50, blank=True, help_text="例：@sukagawa_city")
    add_friend_url = models.URLField(
        "友だち追加のリンク", blank=True, help_text="例：https://line.me/R/ti/p/@sukagawa_city"
    )
    account_name = models.CharField("アカウント名", max_length=100, blank=True, default="須賀川市公式LINE")

    panels = [
        MultiFieldPanel([FieldPanel("account_name"), FieldPanel("line_id"), FieldPanel("add_friend_url")],
                        heading="友だち追加"),
    ]

    class Meta:
        verbose_name = "市公式LINE"

    @property
    def is_set(self):
        return bool(self.add_friend_url)

    def qr_svg(self):
        from linepush.qr import qr_svg

        return qr_svg(self.add_friend_url) if self.add_friend_url else ""
