"""メイン画像: one picture at the head of a page (記事, 分類, 観光地, イベント, トップページのメインビジュアル).

The alt text is a field of the page, not the image's title: it is written for this page, and
wagtail-localize offers it for translation with the rest of the page (the image itself is shared by
all languages). A picture that only decorates is marked so and gets alt="".
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.fields import optional_link

ALT_REQUIRED = "代替テキストを入力するか、「装飾のための画像」を選んでください。"


class MainImageMixin(models.Model):
    main_image = optional_link(
        "wagtailimages.Image",
        "メイン画像",
        help_text="ページの先頭に表示します。写真でない図やイラストのときは、キャプションにそう書いてください。",
    )
    main_image_alt = models.CharField(
        "メイン画像の代替テキスト",
        max_length=200,
        blank=True,
        help_text="画像の内容を文章で説明してください（例：満開の牡丹が並ぶ須賀川牡丹園）。翻訳の対象です。",
    )
    main_image_decorative = models.BooleanField(
        "装飾のための画像（代替テキスト不要）",
        default=False,
        help_text="内容を伝えない飾りの画像のときだけチェックしてください。",
    )
    main_image_caption = models.CharField("メイン画像のキャプション", max_length=200, blank=True)

    main_image_panels = [
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_alt"),
                FieldPanel("main_image_decorative"),
                FieldPanel("main_image_caption"),
            ],
            heading="メイン画像",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_decorative and not (self.main_image_alt or "").strip():
            raise ValidationError({"main_image_alt": ALT_REQUIRED})

    @property
    def main_image_alt_text(self):
        """What the <img> says: "" for a decorative picture."""
        return "" if self.main_image_decorative else self.main_image_alt
