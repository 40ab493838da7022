"""One CSV writer for every export: water applications, the search and FAQ reports, export_faq, the
public 水質 CSV and Wagtail's own report exports.

Spreadsheet formulas are neutralised as OWASP's "CSV Injection" guidance says: a cell whose first
character (after any leading spaces) is = + - @ TAB or CR gets a leading apostrophe, which Excel and
LibreOffice show as text and never evaluate. Plain numbers (-1.5) are left as they are. defusedcsv
was considered: it misses TAB, CR and leading whitespace, so this small writer is used instead.

Files are UTF-8 with a BOM (Japanese Excel otherwise reads them as Shift_JIS) and CRLF line ends;
date-times are written in JST (settings.TIME_ZONE) without microseconds.
"""

import csv
import datetime
import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Leading characters a spreadsheet skips before it looks for a formula (incl. the ideographic space).
_LEADING_BLANKS = " \u3000\u00a0"
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def neutralise(value):
    """The cell as text a spreadsheet will not evaluate (a leading ' for formula-like cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, int | float):
        return value
    text = cell_text(value)
    stripped = text.lstrip(_LEADING_BLANKS)
    if stripped.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(stripped):
        return "'" + text
    return text


def restore(value):
    """Undo neutralise() on import: "'=1+1" back to "=1+1", so that export → import changes nothing."""
    if value.startswith("'") and value[1:].lstrip(_LEADING_BLANKS).startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def cell_text(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(force_str(item) for item in value)
    return force_str(value)


class SafeWriter:
    """csv.writer whose rows are neutralised; dict rows with `fieldnames` like csv.DictWriter."""

    def __init__(self, stream, fieldnames=None):
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self.fieldnames = fieldnames

    def writerow(self, row):
        if isinstance(row, dict):
            row = [row.get(name, "") for name in self.fieldnames]
        return self._writer.writerow([neutralise(value) for value in row])

    def writeheader(self):
        return self._writer.writerow([neutralise(name) for name in self.fieldnames])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def write_csv(stream, header, rows, bom=True):
    """Header and rows (sequences, or dicts keyed by `header`) to a text stream."""
    if bom:
        stream.write(BOM)
    writer = SafeWriter(stream, fieldnames=list(header))
    writer.writeheader()
    writer.writerows(rows)


def csv_response(filename, header, rows, bom=True):
    """A CSV download (attachment) of header and rows."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, header, rows, bom=bom)
    return response


class _Echo:
    def write(self, value):
        return value


def stream_csv_rows(header, rows, bom=True):
    """Lines of a CSV, for a StreamingHttpResponse (large exports)."""
    writer = SafeWriter(_Echo(), fieldnames=list(header))
    first = writer.writeheader()
    yield ((BOM if bom else "") + first).encode("utf-8")
    for row in rows:
        yield writer.writerow(row).encode("utf-8")


# --- Wagtail's spreadsheet exports (ModelViewSet index views, ReportView) -------------------------


def _stream_csv(self, queryset):
    headings = [self.get_heading(queryset, field) for field in self.list_export]
    writer = SafeWriter(_Echo())
    yield (BOM + writer.writerow(headings)).encode("utf-8")
    for item in queryset:
        row = self.to_row_dict(item)
        yield writer.writerow(
            [self.preprocess_field_value(f, v, self.FORMAT_CSV) for f, v in row.items()]
        ).encode("utf-8")


def _write_csv_response(self, queryset):
    response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
    return response


def _xlsx_datetime(value):
    # Excel has no time zones: the time the city reads (JST), to the second.
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(microsecond=0)


def install_in_wagtail_exports():
    """Route every Wagtail CSV export through SafeWriter (and JST times in XLSX too).

    Wagtail's SpreadsheetExportMixin writes raw cells and UTC times with microseconds; patching the
    mixin once covers this project's views and Wagtail's built-in reports (aging pages, site history…).
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_cms_security_installed", False):
        return
    SpreadsheetExportMixin.stream_csv = _stream_csv
    SpreadsheetExportMixin.write_csv_response = _write_csv_response
    SpreadsheetExportMixin.custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: cell_text,
            SpreadsheetExportMixin.FORMAT_XLSX: _xlsx_datetime,
        },
    }
    SpreadsheetExportMixin._cms_security_installed = True
