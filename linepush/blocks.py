"""A block editors place on pages that mention LINE (e.g. 粗大ごみ): the city's 友だち追加."""

from wagtail import blocks


class LineFriendBlock(blocks.StructBlock):
    show_qr = blocks.BooleanBlock(label="QRコードを表示する", required=False, default=True)

    class Meta:
        label = "市公式LINEの友だち追加"
        icon = "mail"
        template = "linepush/includes/line_friend_block.html"
