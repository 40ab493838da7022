"""StreamField blocks shared by every app's pages (記事, よくある質問, 水道, 観光).

They are built so that what editors make is accessible by construction: headings are h2/h3 only,
images need alt text unless marked decorative, tables need a caption and header cells, file links
show their type and size.
"""

import os

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Rich text of body paragraphs: no headings (they are blocks of their own), no images, no embeds.
PARAGRAPH_FEATURES = ["bold", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="見出しの文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="見出しのレベル",
        choices=[("h2", "大見出し（h2）"), ("h3", "中見出し（h3）")],
        default="h2",
    )

    class Meta:
        label = "見出し"
        icon = "title"
        template = "cms/blocks/heading_block.html"

    def get_searchable_content(self, value):
        # Only the words of the heading: the level's label (大見出し（h2）) is not content.
        return [value.get("text", "")]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("label", "段落")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/paragraph_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="画像")
    alt_text = blocks.CharBlock(
        label="代替テキスト",
        required=False,
        max_length=200,
        help_text="画像の内容を文章で説明してください（例：須賀川牡丹園の満開の牡丹）。",
    )
    decorative = blocks.BooleanBlock(
        label="装飾のための画像（代替テキスト不要）",
        required=False,
        help_text="内容を伝えない飾りの画像のときだけチェックしてください。",
    )
    caption = blocks.CharBlock(label="キャプション", required=False, max_length=200)

    class Meta:
        label = "画像"
        icon = "image"
        template = "cms/blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "代替テキストを入力するか、「装飾のための画像」を選んでください。"
                    )
                }
            )
        return value


class TableBlock(blocks.StructBlock):
    """A data table: caption and a header row are required (WCAG 1.3.1)."""

    caption = blocks.CharBlock(label="表のタイトル（キャプション）", max_length=200)
    header = blocks.ListBlock(blocks.CharBlock(label="見出しセル"), label="見出し行", min_num=1)
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label="セル", required=False), label="行"),
        label="データ行",
        min_num=1,
    )
    first_column_is_header = blocks.BooleanBlock(label="1列目を見出しにする", required=False)

    class Meta:
        label = "表"
        icon = "table"
        template = "cms/blocks/table_block.html"

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        for number, row in enumerate(value["rows"], start=1):
            if len(row) != width:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            f"{number}行目のセルの数（{len(row)}）が見出し行（{width}）と合いません。"
                        )
                    }
                )
        return value


FILE_TYPE_LABELS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "csv": "CSV",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odt": "ODT",
    "txt": "テキスト",
    "zip": "ZIP",
}


def file_size_label(size):
    """120KB, 1.2MB: how Japanese municipal pages state a download's size."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}KB"
    return f"{size / (1024 * 1024):.1f}MB"


def document_label(document):
    """「PDF：120KB」 for a Wagtail document, from its file."""
    extension = os.path.splitext(document.file.name)[1].lstrip(".").lower()
    kind = FILE_TYPE_LABELS.get(extension, extension.upper())
    try:
        size = document.get_file_size()
    except (OSError, ValueError):
        size = None
    size_label = file_size_label(size)
    return f"{kind}：{size_label}" if size_label else kind


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="ファイル")
    title = blocks.CharBlock(
        label="リンクの文字",
        required=False,
        max_length=200,
        help_text="空欄の場合はファイルのタイトルを使います。",
    )

    class Meta:
        label = "ファイル"
        icon = "doc-full"
        template = "cms/blocks/document_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value.get("document")
        context["link_text"] = value.get("title") or (document.title if document else "")
        context["file_label"] = document_label(document) if document else ""
        return context


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label="リンクの文字",
        max_length=200,
        help_text="「こちら」ではなく、リンク先が分かる文字にしてください。",
    )
    page = blocks.PageChooserBlock(label="サイト内のページ", required=False)
    url = blocks.URLBlock(label="外部のURL", required=False)

    class Meta:
        label = "リンク"
        icon = "link"
        template = "cms/blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError("サイト内のページか外部のURLのどちらか一方を指定してください。")
                }
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="見出し", max_length=200)
    body = ParagraphBlock(label="内容")


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label="項目", min_num=1)

    class Meta:
        label = "アコーディオン"
        icon = "list-ul"
        template = "cms/blocks/accordion_block.html"


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label="番号付きリスト", required=False)
    items = blocks.ListBlock(blocks.CharBlock(label="項目", max_length=500), label="項目", min_num=1)

    class Meta:
        label = "箇条書き"
        icon = "list-ul"
        template = "cms/blocks/list_block.html"


class ProcedureBlock(blocks.StructBlock):
    """手続き情報: the facts a resident needs before coming to the counter, always in the same order."""

    target = blocks.TextBlock(label="対象", required=False, help_text="手続きができる人・対象となる人")
    requirements = blocks.ListBlock(
        blocks.CharBlock(label="必要なもの", max_length=200),
        label="必要なもの",
        required=False,
        default=[],
    )
    fee = blocks.CharBlock(label="手数料", required=False, max_length=200, help_text="例：1通300円、無料")
    counter = blocks.CharBlock(
        label="受付窓口", required=False, max_length=200, help_text="例：市民課（市役所本庁舎1階）"
    )
    hours = blocks.CharBlock(label="受付時間", required=False, max_length=200)
    online_url = blocks.URLBlock(label="オンライン申請のURL", required=False)
    note = blocks.TextBlock(label="備考", required=False)

    class Meta:
        label = "手続き情報"
        icon = "form"
        template = "home/blocks/procedure_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(value.get(name) for name in ("target", "requirements", "fee", "counter")):
            raise StructBlockValidationError(
                block_errors={
                    "target": ValidationError(
                        "対象・必要なもの・手数料・受付窓口のいずれかを入力してください。"
                    )
                }
            )
        return value


class ContactBlock(blocks.StructBlock):
    """お問い合わせ: a department's contact details inside the body (e.g. a second 担当課)."""

    department = SnippetChooserBlock("cms.Department", label="担当課")
    note = blocks.CharBlock(
        label="補足", required=False, max_length=200, help_text="例：申請書の書き方についてはこちらへ"
    )

    class Meta:
        label = "お問い合わせ"
        icon = "mail"
        template = "home/blocks/contact_block.html"
