"""A StreamField POST with missing parts (no `…-count`, a block without its `-type`) is a form
error, not a 500.

Wagtail's StreamBlock.value_from_datadict indexes the POST directly, so a request that leaves out
`evacuation_links-count` (a script, a broken proxy, a half-sent form) raised KeyError. The top-level
widget now catches that and hands back an empty value marked incomplete; the field then refuses it
with a Japanese message, so the form is shown again and nothing stored is changed.
"""

from django.core.exceptions import ValidationError

INCOMPLETE_MESSAGE = (
    "送信された内容の一部が欠けていたため保存できませんでした。"
    "お手数ですが、画面を再読み込みしてからもう一度入力してください。"
)


def install():
    from wagtail.blocks.base import BlockField, BlockWidget
    from wagtail.blocks.stream_block import StreamBlock, StreamValue

    if getattr(BlockWidget, "_cms_security_installed", False):
        return
    original_value = BlockWidget.value_from_datadict
    original_clean = BlockField.clean

    def value_from_datadict(self, data, files, name):
        try:
            return original_value(self, data, files, name)
        except (KeyError, ValueError, TypeError, IndexError):
            block = self.block_def
            value = StreamValue(block, []) if isinstance(block, StreamBlock) else block.get_default()
            try:
                value._cms_incomplete_submission = True
            except AttributeError:
                pass
            return value

    def clean(self, value):
        if getattr(value, "_cms_incomplete_submission", False):
            raise ValidationError(INCOMPLETE_MESSAGE, code="incomplete")
        return original_clean(self, value)

    BlockWidget.value_from_datadict = value_from_datadict
    BlockField.clean = clean
    BlockWidget._cms_security_installed = True
