"""Blocks used only by the city site's own pages (shared article blocks live in cms/blocks.py)."""

from wagtail import blocks

from cms.blocks import PageOrURLMixin


class BannerBlock(PageOrURLMixin, blocks.StructBlock):
    """A text banner on the top page (水道事業のサイト, 観光ガイド …): no image, so nothing to miss."""

    title = blocks.CharBlock(label="バナーの文字", max_length=60)
    description = blocks.CharBlock(label="説明", max_length=120, required=False)
    page = blocks.PageChooserBlock(label="サイト内のページ", required=False)
    url = blocks.URLBlock(
        label="外部のURL", required=False, help_text="水道事業のサイトなど、別のサイトのURLです。"
    )
    style = blocks.ChoiceBlock(
        label="色",
        choices=[("city", "緑（市）"), ("water", "青（水道）"), ("tourism", "橙（観光）")],
        default="city",
    )

    class Meta:
        label = "バナー"
        icon = "link-external"
        template = "home/blocks/banner_block.html"


class EmergencyContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="連絡先の名前", max_length=100, help_text="例：須賀川市災害対策本部")
    phone = blocks.CharBlock(label="電話番号", max_length=50)
    note = blocks.CharBlock(label="補足", max_length=200, required=False, help_text="例：24時間受付")

    class Meta:
        label = "緊急連絡先"
        icon = "mobile-alt"


class FeeBlock(blocks.StructBlock):
    """One row of a procedure's 手数料 table: what is paid for, how much."""

    item = blocks.CharBlock(label="項目", max_length=100, help_text="例：住民票の写し、タンス・本棚")
    amount = blocks.CharBlock(label="金額", max_length=100, help_text="例：1通300円、1点1,000円")
    note = blocks.CharBlock(label="補足", max_length=200, required=False)

    class Meta:
        label = "手数料"
        icon = "table"


class CounterBlock(blocks.StructBlock):
    """受付窓口: where a resident can go or call, with the address and the hours."""

    name = blocks.CharBlock(label="窓口の名前", max_length=100, help_text="例：市民課（市役所本庁舎1階）")
    address = blocks.CharBlock(
        label="所在地", max_length=200, required=False, help_text="例：須賀川市八幡町135"
    )
    phone = blocks.CharBlock(label="電話番号", max_length=50, required=False, help_text="例：0248-88-9131")
    hours = blocks.CharBlock(label="受付時間", max_length=200, required=False)
    note = blocks.CharBlock(label="補足", max_length=200, required=False)

    class Meta:
        label = "受付窓口"
        icon = "site"


# Japanese names: the staff who choose them read the admin in Japanese (as WAGTAIL_CONTENT_LANGUAGES).
FOREIGN_LANGUAGES = [("en", "英語"), ("zh-hans", "中国語（簡体字）"), ("zh-hant", "中国語（繁体字）"), ("ko", "韓国語")]


class DisasterContactTranslationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="連絡先の名前", max_length=100)
    note = blocks.CharBlock(label="補足", max_length=200, required=False)


class DisasterTranslationBlock(blocks.StructBlock):
    """One language of the disaster top: the same items as the Japanese, in the same order."""

    language = blocks.ChoiceBlock(label="言語", choices=FOREIGN_LANGUAGES)
    headline = blocks.CharBlock(label="見出し", max_length=100)
    message = blocks.TextBlock(label="市からのお知らせ", required=False)
    link_texts = blocks.ListBlock(
        blocks.CharBlock(label="リンクの文字", max_length=200),
        label="避難情報へのリンクの文字（日本語と同じ順に）",
        required=False,
        default=[],
    )
    contacts = blocks.ListBlock(
        DisasterContactTranslationBlock(),
        label="緊急連絡先の名前（日本語と同じ順に）",
        required=False,
        default=[],
    )

    class Meta:
        label = "外国語"
        icon = "globe"


class NoticeTranslationBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(label="言語", choices=FOREIGN_LANGUAGES)
    title = blocks.CharBlock(label="件名", max_length=200)
    body = blocks.RichTextBlock(label="本文", features=["bold", "link", "ul", "ol"])

    class Meta:
        label = "外国語"
        icon = "globe"
