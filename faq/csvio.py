"""CSV import and export of FAQs (`import_faq`, `export_faq`, and the demo seed).

Format: a header row, columns `id, question, answer, category, keywords, department` and the optional
`last_reviewed` (YYYY-MM-DD). Only `id`, `question` and `answer` are required. `category` and
`keywords` take several values separated by `|`. The answer is plain text: a blank line separates
paragraphs, a single newline is a line break and URLs become links.

Files come from municipal spreadsheets, so UTF-8 (with or without BOM) and CP932 are both read.
Row numbers in messages count the header as row 1, as a spreadsheet shows them.
"""

import contextlib
import datetime
import html
import json
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Page

from cms.security import imports, spreadsheets

COLUMNS = ["id", "question", "answer", "category", "keywords", "department", "last_reviewed"]
REQUIRED_COLUMNS = ["id", "question", "answer"]
MULTI_VALUE_SEPARATOR = "|"

# ASCII URL characters only: a URL followed directly by Japanese text (…/gomiをご覧ください) ends there.
URL_PATTERN = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
URL_TRAILING = ".,;:!?)'"
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


class CSVFormatError(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""


# --- reading ------------------------------------------------------------------------------------


def decode_csv_bytes(data):
    """Text of a CSV file saved as UTF-8 (with or without BOM), CP932 (Shift_JIS) or EUC-JP."""
    try:
        return imports.decode(data)
    except imports.CSVReadError as error:
        raise CSVFormatError(str(error)) from error


# A row that cannot be read as one FAQ carries only this key: the importer rejects it by number.
ROW_ERROR = "__row_error__"


def _row_problem(values, names):
    if imports.has_nul(values):
        return imports.NUL_MESSAGE
    if len(values) < len(names) or any(value.strip() for value in values[len(names) :]):
        # An answer with line breaks that is not in double quotes splits into short rows; the
        # continuation would otherwise become a FAQ titled with the category.
        return (
            f"列の数が1行目の見出しと合いません（見出しは{len(names)}列、この行は{len(values)}列）。"
            '回答などに改行やコンマを含む項目は、項目全体を「"」で囲んでください。'
        )
    return None


def read_rows(data):
    """(row number, dict) for each data row, and the detected encoding. Raises CSVFormatError."""
    text, encoding = decode_csv_bytes(data)
    try:
        reader = imports.records(text)
        try:
            _number, header = next(reader)
        except StopIteration:
            raise CSVFormatError(
                "ファイルが空です。1行目に見出し（id,question,answer など）が必要です。"
            ) from None
        names = [name.strip().lower() for name in header]
        missing = [name for name in REQUIRED_COLUMNS if name not in names]
        if missing:
            raise CSVFormatError(
                f"1行目の見出しに必要な列がありません：{', '.join(missing)}（見出し：{', '.join(header)}）"
            )
        while names and not names[-1]:
            names.pop()  # empty trailing header cells (a spreadsheet's unused columns)
        rows = []
        for number, values in reader:
            if not any(value.strip() for value in values):
                continue
            problem = _row_problem(values, names)
            if problem:
                rows.append((number, {ROW_ERROR: problem}))
                continue
            # Cells exported as '=… (formula neutralised) come back as they were written.
            row = {name: spreadsheets.restore(values[index]) for index, name in enumerate(names)}
            rows.append((number, row))
    except imports.CSVReadError as error:
        raise CSVFormatError(str(error)) from error
    return rows, encoding, names


# --- answer text <-> StreamField -----------------------------------------------------------------


def _normalise_text(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _linkify(escaped_line):
    def link(match):
        url = match.group(0)
        trailing = ""
        while url and url[-1] in URL_TRAILING and not url.endswith("&amp;"):
            url, trailing = url[:-1], url[-1] + trailing
        return f'<a href="{url}">{url}</a>{trailing}'

    return URL_PATTERN.sub(link, escaped_line)


def answer_paragraphs(text):
    """Paragraphs of a plain-text answer: a blank line separates them."""
    text = _normalise_text(text)
    return [part.strip("\n") for part in re.split(r"\n\s*\n", text) if part.strip()]


def answer_stream_data(text):
    """StreamField raw data for a plain-text answer: one paragraph block per paragraph."""
    blocks = []
    for paragraph in answer_paragraphs(text):
        lines = [_linkify(html.escape(line, quote=False)) for line in paragraph.split("\n")]
        blocks.append({"type": "paragraph", "value": "<p>" + "<br/>".join(lines) + "</p>"})
    return blocks


def _rich_text_to_plain(source):
    """Plain text of stored rich text: paragraphs by blank lines, <br> as newline, links as URL."""
    source = re.sub(r"<br\s*/?>", "\n", source)

    def link(match):
        attributes, text = match.group(1), strip_tags(match.group(2))
        href = re.search(r'href="([^"]*)"', attributes)
        url = html.unescape(href.group(1)) if href else ""
        text = html.unescape(text)
        if not url or url == text:
            return html.escape(text, quote=False)
        return html.escape(f"{text}（{url}）", quote=False)

    source = re.sub(r"<a\b([^>]*)>(.*?)</a>", link, source, flags=re.S)
    source = re.sub(r"<li[^>]*>", "\n・", source)
    paragraphs = re.split(r"</(?:p|ul|ol|h[1-6])>", source)
    parts = [html.unescape(strip_tags(part)).strip("\n") for part in paragraphs]
    return "\n\n".join(part.strip() for part in parts if part.strip())


def answer_plain_text(stream):
    """The answer as plain text in the import format (also what the JSON-LD states)."""
    parts = []
    for child in stream:
        value = child.value
        if child.block_type == "paragraph":
            parts.append(_rich_text_to_plain(value.source))
        elif child.block_type == "list":
            marker = "{n}. " if value.get("ordered") else "・"
            parts.append(
                "\n".join(marker.format(n=n) + item for n, item in enumerate(value.get("items") or [], 1))
            )
        elif child.block_type == "table":
            lines = [value.get("caption") or ""]
            lines.append("、".join(value.get("header") or []))
            lines.extend("、".join(cell or "" for cell in row) for row in value.get("rows") or [])
            parts.append("\n".join(line for line in lines if line))
        elif child.block_type == "link":
            url = value.get("url") or (value["page"].full_url if value.get("page") else "")
            parts.append(f"{value.get('text')}（{url}）" if url else value.get("text") or "")
        elif child.block_type == "file":
            document = value.get("document")
            title = value.get("title") or (document.title if document else "")
            parts.append(title)
    return "\n\n".join(part for part in parts if part)


def comparable_stream(stream_data):
    """Stream content with block ids dropped, for telling whether an answer really changed."""
    return json.dumps(
        [(block["type"], block["value"]) for block in stream_data], sort_keys=True, ensure_ascii=False
    )


def stored_stream_data(page):
    return [
        {"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in page.answer
    ]


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)  # (row number, message)
    encoding: str = ""
    index_created: bool = False
    # Rows stored as drafts (not published): (row number, reason). Drafts are submitted to the
    # page's workflow when the import has a user (the admin); the command leaves them as drafts.
    drafts: list = field(default_factory=list)
    submitted: int = 0

    def summary(self):
        text = f"新規 {self.created} 件、更新 {self.updated} 件、変更なし {self.unchanged} 件、失敗 {self.failed} 件"
        if self.drafts:
            text += f"（うち下書きとして保存 {len(self.drafts)} 件、承認を依頼 {self.submitted} 件）"
        return text


@dataclass
class _Row:
    number: int
    import_id: str
    question: str
    answer_data: list
    category_names: list
    keywords: str
    department: object
    last_reviewed: object  # date, or None when the file has no such column / the cell is empty
    has_last_reviewed: bool


def split_multi(value):
    return [part.strip() for part in (value or "").split(MULTI_VALUE_SEPARATOR) if part.strip()]


def _parse_date(value):
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    return None


class FAQImporter:
    """Imports rows into the FAQ index `index`. Each row runs in its own savepoint."""

    def __init__(self, index, dry_run=False, today=None, departments=None, publish=True, user=None):
        """publish=False stores every row as a draft; publish=True publishes the rows whose content
        passes the accessibility checks (cms.a11y: no errors) and keeps the others as drafts.
        With a `user`, drafts are submitted to the page's workflow in that user's name."""
        from cms.models import Department

        from .models import FAQCategory, FAQPage

        self.index = index
        self.dry_run = dry_run
        self.publish = publish
        self.user = user
        self.result = None
        self.today = today or datetime.date.today()
        self.FAQPage = FAQPage
        self.categories = {category.name: category for category in FAQCategory.objects.all()}
        self.departments = {}
        # "name section" first, then the name alone (the first by the editors' order).
        for department in Department.objects.order_by("-sort_order", "-name", "-section"):
            self.departments[department.name] = department
        for department in Department.objects.all():
            self.departments[str(department)] = department
        # Names the caller has already settled (the demo's ctx.extra["departments"]) win.
        self.departments.update(departments or {})
        self.existing = {}
        self.by_slug = {}
        children = FAQPage.objects.child_of(index).prefetch_related("categories")
        for page in children:
            if page.import_id:
                self.existing[page.import_id] = page
            else:
                self.by_slug[page.slug] = page
        self.taken_slugs = set(Page.objects.child_of(index).values_list("slug", flat=True))

    # Validation of one row: returns a _Row or raises ValueError with the reason in Japanese.
    def _clean(self, number, row, seen_ids, has_last_reviewed):
        from .models import FAQPage

        if ROW_ERROR in row:
            raise ValueError(row[ROW_ERROR])
        import_id = (row.get("id") or "").strip()
        question = " ".join((row.get("question") or "").split())
        answer = row.get("answer") or ""
        if not import_id:
            raise ValueError("id が空です。")
        if len(import_id) > FAQPage._meta.get_field("import_id").max_length:
            raise ValueError("id が長すぎます（64文字まで）。")
        if import_id in seen_ids:
            raise ValueError(f"id「{import_id}」は{seen_ids[import_id]}行目と重複しています。")
        if not question:
            raise ValueError("question（質問）が空です。")
        if len(question) > 255:
            raise ValueError(f"question（質問）が長すぎます（{len(question)}文字、255文字まで）。")
        answer_data = answer_stream_data(answer)
        if not answer_data:
            raise ValueError("answer（回答）が空です。")
        keywords = MULTI_VALUE_SEPARATOR.join(split_multi(row.get("keywords")))
        if len(keywords) > FAQPage._meta.get_field("keywords").max_length:
            raise ValueError("keywords（検索用キーワード）が長すぎます（500文字まで）。")
        category_names = split_multi(row.get("category"))
        for name in category_names:
            if len(name) > 100:
                raise ValueError(f"category（分類）「{name[:20]}…」が長すぎます（100文字まで）。")
        department = None
        department_name = " ".join((row.get("department") or "").split())
        if department_name:
            department = self.departments.get(department_name)
            if department is None:
                raise ValueError(
                    f"department（担当課）「{department_name}」が見つかりません。"
                    "管理画面の「担当課」に登録されている名前を書いてください。"
                )
        last_reviewed = None
        value = (row.get("last_reviewed") or "").strip()
        if value:
            last_reviewed = _parse_date(value)
            if last_reviewed is None:
                raise ValueError(
                    f"last_reviewed（最終確認日）「{value}」は日付として読めません（例：2026-04-01）。"
                )
        return _Row(
            number=number,
            import_id=import_id,
            question=question,
            answer_data=answer_data,
            category_names=category_names,
            keywords=keywords,
            department=department,
            last_reviewed=last_reviewed,
            has_last_reviewed=has_last_reviewed and bool(value),
        )

    def _category_objects(self, names):
        from .models import FAQCategory

        objects = []
        for name in names:
            category = self.categories.get(name)
            if category is None:
                slug = slugify(name, allow_unicode=True)[:90] or "category"
                base, n = slug, 2
                while FAQCategory.objects.filter(slug=slug).exists():
                    slug, n = f"{base}-{n}", n + 1
                order = (max((c.sort_order for c in self.categories.values()), default=0)) + 10
                category = FAQCategory(name=name, slug=slug, sort_order=order)
                if not self.dry_run:
                    category.save()
                self.categories[name] = category
            objects.append(category)
        return objects

    def _new_slug(self, import_id):
        slug = slugify(import_id, allow_unicode=True)[:200] or "faq"
        base, n = slug, 2
        while slug in self.taken_slugs:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _apply(self, page, row, categories):
        """Set the row's values on `page`; True when anything differs from what is stored."""
        changed = False
        if page.title != row.question:
            page.title = row.question
            changed = True
        if page.pk is None or comparable_stream(stored_stream_data(page)) != comparable_stream(
            row.answer_data
        ):
            page.answer = row.answer_data
            changed = True
        if page.keywords != row.keywords:
            page.keywords = row.keywords
            changed = True
        department_id = row.department.pk if row.department else None
        if page.department_id != department_id:
            page.department = row.department
            changed = True
        if row.has_last_reviewed and page.last_reviewed != row.last_reviewed:
            page.last_reviewed = row.last_reviewed
            changed = True
        current = sorted(c.pk for c in page.categories.all()) if page.pk else []
        wanted = sorted(c.pk for c in categories if c.pk is not None)
        if current != wanted or any(c.pk is None for c in categories):
            page.categories.set(categories)
            changed = True
        return changed

    @contextlib.contextmanager
    def _deferred_indexing(self):
        """Index each touched page once at the end instead of on each of its three saves.

        Creating a published page saves it three times (add_child, save_revision, publish); the
        search index and reference index updates on each save were nearly half of the import time.
        """
        from django.db.models.signals import post_save
        from modelsearch.signal_handlers import post_save_signal_handler
        from wagtail.models import ReferenceIndex
        from wagtail.search import index as search_index
        from wagtail.signal_handlers import disable_reference_index_auto_update

        self.touched = {}
        disconnected = post_save.disconnect(post_save_signal_handler, sender=self.FAQPage)
        try:
            with disable_reference_index_auto_update():
                yield
        finally:
            if disconnected:
                post_save.connect(post_save_signal_handler, sender=self.FAQPage)
        # What is stored (and live), not the in-memory objects: an unpublished page keeps its content.
        stored = self.FAQPage.objects.filter(pk__in=list(self.touched)).prefetch_related("categories")
        for page in stored.iterator(chunk_size=200):
            search_index.insert_or_update_object(page)
            ReferenceIndex.create_or_update_for_object(page)

    def import_rows(self, rows, has_last_reviewed=True):
        if self.dry_run:
            return self._import_rows(rows, has_last_reviewed)
        with self._deferred_indexing():
            return self._import_rows(rows, has_last_reviewed)

    def _import_rows(self, rows, has_last_reviewed):
        result = self.result = ImportResult()
        seen_ids = {}
        for number, raw in rows:
            try:
                row = self._clean(number, raw, seen_ids, has_last_reviewed)
            except ValueError as error:
                result.failed += 1
                result.errors.append((number, str(error)))
                continue
            seen_ids[row.import_id] = number
            try:
                with transaction.atomic():
                    outcome = self._import_row(row)
                    if self.dry_run:
                        transaction.set_rollback(True)
            except Exception as error:  # noqa: BLE001 - one bad row must not stop the others
                result.failed += 1
                result.errors.append((number, f"保存できませんでした（{error}）。"))
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def _draft_reason(self, page):
        """Why this row's page must not go live now (None: it may be published)."""
        from cms.a11y.content import page_problems

        if not self.publish:
            return "公開の権限がないため、下書きとして保存します。"
        errors = [problem for problem in page_problems(page) if problem.is_error]
        if errors:
            details = "、".join(dict.fromkeys(problem.label for problem in errors))
            return f"アクセシビリティの確認で問題があるため、下書きとして保存します（{details}）。"
        return None

    def _save(self, page, row, reason):
        """Publish the new revision, or keep it as a draft (submitted to the workflow with a user)."""
        revision = page.save_revision(user=self.user)
        if reason is None:
            revision.publish(user=self.user)
            return
        if self.result is not None:
            self.result.drafts.append((row.number, reason))
        workflow = page.get_workflow() if self.user is not None else None
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, self.user)
            if self.result is not None:
                self.result.submitted += 1

    def _import_row(self, row):
        categories = self._category_objects(row.category_names)
        page = self.existing.get(row.import_id)
        adopted = False
        if page is None:
            # A page made in the admin (no import id) and exported with its slug as id.
            page = self.by_slug.get(row.import_id)
            adopted = page is not None
        if page is None:
            page = self.FAQPage(
                slug=self._new_slug(row.import_id),
                import_id=row.import_id,
                last_reviewed=row.last_reviewed if row.has_last_reviewed else self.today,
            )
            self._apply(page, row, categories)
            reason = self._draft_reason(page)
            if self.dry_run:
                if reason and self.result is not None:
                    self.result.drafts.append((row.number, reason))
                return "created"
            if reason is not None:
                page.live = False
            self.index.add_child(instance=page)
            self._save(page, row, reason)
            self.taken_slugs.add(page.slug)
            self.existing[row.import_id] = page
            self.touched[page.pk] = page
            return "created"
        if not self._apply(page, row, categories):
            if adopted and not self.dry_run:
                # Recording the id is bookkeeping, not content: no new revision.
                self.FAQPage.objects.filter(pk=page.pk).update(import_id=row.import_id)
                page.import_id = row.import_id
                self.existing[row.import_id] = self.by_slug.pop(row.import_id)
            return "unchanged"
        # A page that is not live stays unpublished, as before; a live one is updated live only
        # when the new content may be published.
        reason = (
            self._draft_reason(page)
            if page.live
            else "公開されていないページのため、下書きとして保存します。"
        )
        if self.dry_run:
            if reason and self.result is not None:
                self.result.drafts.append((row.number, reason))
            return "updated"
        page.import_id = row.import_id
        self._save(page, row, reason)
        if adopted:
            self.existing[row.import_id] = self.by_slug.pop(row.import_id)
        self.touched[page.pk] = page
        return "updated"


def find_or_create_index(root, slug, title=None, dry_run=False):
    """The FAQ index page with `slug` directly under `root`; created (and published) when missing."""
    from .models import FAQIndexPage

    existing = Page.objects.child_of(root).filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, FAQIndexPage):
            raise CSVFormatError(f"「{existing.url_path}」はよくある質問の一覧ページではありません。")
        return page, False
    if dry_run:
        return FAQIndexPage(
            slug=slug, title=title or "よくある質問", path="dry-run", depth=root.depth + 1
        ), True
    page = FAQIndexPage(slug=slug, title=title or "よくある質問")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def import_csv(data, index, dry_run=False, today=None, publish=True, user=None):
    """Import CSV bytes into `index`. Returns an ImportResult; raises CSVFormatError for the file.

    See FAQImporter for `publish` and `user` (the admin passes the editor and whether they may publish).
    """
    rows, encoding, names = read_rows(data)
    importer = FAQImporter(index, dry_run=dry_run, today=today, publish=publish, user=user)
    if index.pk is None:
        importer.existing, importer.by_slug, importer.taken_slugs = {}, {}, set()
    result = importer.import_rows(rows, has_last_reviewed="last_reviewed" in names)
    result.encoding = encoding
    return result


# --- export --------------------------------------------------------------------------------------


def export_rows(index):
    """Rows (dicts with COLUMNS) for the FAQs under `index`, in tree order."""
    from .models import FAQPage

    pages = (
        FAQPage.objects.child_of(index)
        .select_related("department")
        .prefetch_related("categories")
        .order_by("path")
    )
    for page in pages:
        yield {
            "id": page.import_id or page.slug,
            "question": page.title,
            "answer": answer_plain_text(page.answer),
            "category": MULTI_VALUE_SEPARATOR.join(
                c.name for c in sorted(page.categories.all(), key=lambda c: (c.sort_order, c.name))
            ),
            "keywords": page.keywords,
            "department": str(page.department) if page.department else "",
            "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        }


def write_csv(rows, stream, bom=True):
    """CSV text to `stream`: UTF-8 with BOM by default, so that Excel opens it correctly. Formula-like
    cells get a leading ' (cms.security.spreadsheets); import_faq removes it again."""
    spreadsheets.write_csv(stream, COLUMNS, rows, bom=bom)
