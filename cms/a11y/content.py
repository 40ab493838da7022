"""Run the editor checks over stored content: every StreamField, RichTextField and text field of
every page type, walking StreamField blocks by their block class so new blocks are covered."""

from django.db import models
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from cms import blocks as cms_blocks
from cms.a11y.checks import (
    Problem,
    alt_problems,
    file_link_problems,
    heading_problems,
    html_problems,
    link_text_problems,
    table_problems,
    text_problems,
)

# Fields of Page itself that hold no editor prose (or are derived from one that does).
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "import_id", "live_revision", "locked_by"}


def _block_label(block):
    label = getattr(block, "label", None) or getattr(block.meta, "label", None) or block.name or ""
    return str(label)


class BlockWalker:
    """Collects problems and headings of one StreamField value, in document order."""

    def __init__(self):
        self.problems = []
        self.headings = []

    def walk_stream(self, stream_value):
        for index, child in enumerate(stream_value):
            location = f"{index + 1}番目のブロック（{_block_label(child.block)}）"
            before = len(self.problems)
            self.walk(child.block, child.value, location)
            for position in range(before, len(self.problems)):
                problem = self.problems[position]
                self.problems[position] = Problem(
                    problem.check, problem.text, problem.location, block_index=index
                )

    def walk(self, block, value, location):
        if value is None:
            return
        add = self.problems.extend
        if isinstance(block, cms_blocks.HeadingBlock):
            add(text_problems(value.get("text"), location))
            level = str(value.get("level") or "h2").lstrip("h")
            self.headings.append((int(level) if level.isdigit() else 2, value.get("text") or "", location))
        elif isinstance(block, cms_blocks.ImageBlock):
            image = value.get("image")
            filename = image.file.name if image is not None and image.file else ""
            add(alt_problems(value.get("alt_text"), filename, location, bool(value.get("decorative"))))
            add(text_problems(value.get("alt_text"), location))
            add(text_problems(value.get("caption"), location))
        elif isinstance(block, cms_blocks.TableBlock):
            header = [str(cell or "").strip() for cell in value.get("header") or []]
            rows = [[str(cell or "") for cell in row] for row in value.get("rows") or []]
            add(table_problems(value.get("caption"), any(header), " ".join(header), location))
            for text in [value.get("caption"), *header, *[cell for row in rows for cell in row]]:
                add(text_problems(text, location))
        elif isinstance(block, WagtailTableBlock):
            data = value.get("data") or []
            has_headers = bool(value.get("first_row_is_table_header") or value.get("first_col_is_header"))
            cells = [str(cell) for row in data for cell in row if cell]
            add(table_problems(value.get("table_caption"), has_headers, " ".join(cells), location))
            for text in [value.get("table_caption"), *cells]:
                add(text_problems(text, location))
        elif isinstance(block, TypedTableBlock):
            headings = [str(column.get("heading") or "").strip() for column in value.columns]
            add(table_problems(getattr(value, "caption", ""), any(headings), " ".join(headings), location))
            for text in [getattr(value, "caption", ""), *headings]:
                add(text_problems(text, location))
            for row in value.row_data:
                for column, cell in zip(value.columns, row.get("values", []), strict=False):
                    self.walk(column["block"], cell, location)
        elif isinstance(block, cms_blocks.DocumentBlock):
            document = value.get("document")
            text = value.get("title") or (document.title if document is not None else "")
            add(link_text_problems(text, location))
            add(text_problems(value.get("title"), location))
        elif isinstance(block, cms_blocks.LinkBlock):
            text = value.get("text") or ""
            add(link_text_problems(text, location))
            add(file_link_problems(text, value.get("url") or "", "", location))
            add(text_problems(text, location))
        elif isinstance(block, blocks.RichTextBlock):
            add(html_problems(getattr(value, "source", value), location, headings=self.headings))
        elif isinstance(block, blocks.RawHTMLBlock):
            add(html_problems(str(value), location, headings=self.headings))
        elif isinstance(block, ImageChooserBlock):
            # A bare image block: its template shows the image title as alt text.
            filename = value.file.name if value.file else ""
            add(alt_problems(value.default_alt_text, filename, location))
        elif isinstance(block, DocumentChooserBlock):
            add(link_text_problems(value.title, location))
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                self.walk(child_block, value.get(name), f"{location} {_block_label(child_block)}".strip())
        elif isinstance(block, blocks.ListBlock):
            for number, item in enumerate(value, start=1):
                self.walk(block.child_block, item, f"{location} {number}番目".strip())
        elif isinstance(block, blocks.StreamBlock):
            for number, child in enumerate(value, start=1):
                self.walk(child.block, child.value, f"{location} {number}番目（{_block_label(child.block)}）")
        elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            add(text_problems(value, location))

    def finish(self):
        return self.problems + heading_problems(self.headings)


def field_problems(model_field, value):
    """Problems in one field's value (StreamField, RichTextField or a plain text field)."""
    if value is None or value == "":
        return []
    if isinstance(model_field, StreamField):
        if not hasattr(value, "raw_data"):
            value = model_field.to_python(value)
        walker = BlockWalker()
        walker.walk_stream(value)
        return walker.finish()
    if isinstance(model_field, RichTextField):
        return html_problems(str(value))
    if isinstance(model_field, (models.CharField, models.TextField)) and not isinstance(
        model_field, (models.SlugField, models.URLField, models.EmailField)
    ):
        if model_field.choices:
            return []
        return text_problems(str(value))
    return []


def checked_fields(model):
    """Fields of a page model that hold what editors write."""
    fields = []
    for model_field in model._meta.get_fields():
        if not getattr(model_field, "concrete", False) or getattr(model_field, "name", "") in SKIPPED_FIELDS:
            continue
        if not getattr(model_field, "editable", True):
            continue
        if isinstance(model_field, (StreamField, RichTextField, models.CharField, models.TextField)):
            fields.append(model_field)
    return fields


def _with_field(problems, model_field):
    label = str(getattr(model_field, "verbose_name", "") or model_field.name)
    return [
        Problem(p.check, p.text, p.location, model_field.name, label, block_index=p.block_index)
        for p in problems
    ]


ALT_SUFFIXES = ("_alt", "_alt_text")


def image_alt_fields(model):
    """(image ForeignKey, its alt text field) pairs: a page's photo with `photo_alt` beside it."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    pairs = []
    names = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    for model_field in names.values():
        if isinstance(model_field, models.ForeignKey) and model_field.related_model is image_model:
            for suffix in ALT_SUFFIXES:
                if f"{model_field.name}{suffix}" in names:
                    pairs.append((model_field, names[f"{model_field.name}{suffix}"]))
    return pairs


def _image_alt_problems(model, get):
    problems = []
    for image_field, alt_field in image_alt_fields(model):
        image = get(image_field.name)
        if image is None:
            continue
        filename = image.file.name if image.file else ""
        problems.extend(_with_field(alt_problems(get(alt_field.name), filename), alt_field))
    return problems


def page_problems(page):
    """Every problem in the stored content of one (specific) page."""
    page = page.specific if type(page) is Page else page
    problems = []
    for model_field in checked_fields(type(page)):
        value = getattr(page, model_field.name, None)
        problems.extend(_with_field(field_problems(model_field, value), model_field))
    problems.extend(_image_alt_problems(type(page), lambda name: getattr(page, name, None)))
    # Checks a page type makes of its own facts (a 手続き without a phone, a form or a place):
    # the core knows no app's page types, so each declares them.
    content_problems = getattr(page, "content_problems", None)
    if callable(content_problems):
        problems.extend(content_problems())
    return problems


def form_problems(model, cleaned_data):
    """Problems in a page form's cleaned data, field by field (for validation on save)."""
    result = {}
    for model_field in checked_fields(model):
        if model_field.name not in cleaned_data:
            continue
        problems = _with_field(field_problems(model_field, cleaned_data[model_field.name]), model_field)
        if problems:
            result[model_field.name] = problems
    for problem in _image_alt_problems(model, cleaned_data.get):
        result.setdefault(problem.field, []).append(problem)
    return result
