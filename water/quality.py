"""水質検査結果: month tables, the 基準値 check, CSV download and CSV import."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from cms.security import imports, spreadsheets

CSV_COLUMNS = ["検査月", "採水地点", "検査項目", "結果", "単位", "基準値", "基準値超過"]
NOT_DETECTED = {"検出されず", "不検出", "陰性", "nd", "n.d.", "-"}
DETECTED = {"検出", "陽性"}
_NUMBER = re.compile(r"^[<＜]?\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(未満)?$")


def normalize(value):
    return unicodedata.normalize("NFKC", str(value or "")).strip()


def parse_month(text):
    """「2026-10」「2026/10」「2026年10月」 → date(2026, 10, 1); anything else → None."""
    match = re.match(
        r"^\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?\s*(?:[-/.]\s*\d{1,2}\s*日?)?\s*$", normalize(text)
    )
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def parse_number(value):
    """The number in a result, and whether it was written as below a limit (「0.1未満」「<0.1」)."""
    text = normalize(value)
    match = _NUMBER.match(text)
    if not match:
        return None, False
    try:
        number = Decimal(match.group(1))
    except InvalidOperation:
        return None, False
    below = text.startswith("<") or bool(match.group(2))
    return number, below


def value_exceeds(item, value):
    text = normalize(value)
    if item.must_not_be_detected:
        return text in DETECTED
    number, below = parse_number(text)
    if number is None:
        return False
    if item.standard_max is not None and number > item.standard_max and not below:
        return True
    if item.standard_min is not None and (
        number < item.standard_min or (below and number <= item.standard_min)
    ):
        return True
    return False


def value_is_valid(item, value):
    text = normalize(value)
    if not text:
        return False
    if item.must_not_be_detected:
        return text in DETECTED or text.lower() in NOT_DETECTED
    number = parse_number(text)[0]
    if number is None:
        return False
    # Concentrations, 度 and pH are never negative: "-1" is a typing error, unless the item's own
    # lower limit is negative (an index such as ランゲリア指数).
    return number >= 0 or (item.standard_min is not None and item.standard_min < 0)


def expected_value_text(item):
    """What the import asks for, by the kind of item (the message names only what is accepted)."""
    if item.must_not_be_detected:
        return "「検出されず」（または「不検出」）か「検出」で書いてください。"
    return "0以上の数値で書いてください（例：0.5、定量下限未満は「0.001未満」）。"


@dataclass
class MonthTable:
    month: date
    points: list
    rows: list  # (item, [result or None per point])

    @property
    def exceedances(self):
        return [
            (item, point, result)
            for item, results in self.rows
            for point, result in zip(self.points, results, strict=True)
            if result and result.exceeds_standard
        ]


def month_table(month):
    from water.models import WaterQualityItem, WaterQualityResult, WaterQualitySamplingPoint

    results = list(WaterQualityResult.objects.filter(month=month).select_related("item", "sampling_point"))
    point_ids = {r.sampling_point_id for r in results}
    item_ids = {r.item_id for r in results}
    points = [p for p in WaterQualitySamplingPoint.objects.all() if p.pk in point_ids]
    items = [i for i in WaterQualityItem.objects.all() if i.pk in item_ids]
    by_key = {(r.item_id, r.sampling_point_id): r for r in results}
    rows = [(item, [by_key.get((item.pk, point.pk)) for point in points]) for item in items]
    return MonthTable(month=month, points=points, rows=rows)


def csv_response(month=None):
    from water.models import WaterQualityResult

    results = WaterQualityResult.objects.select_related("item", "sampling_point").order_by(
        "month", "sampling_point__sort_order", "sampling_point__name", "item__sort_order", "item__name"
    )
    if month:
        results = results.filter(month=month)
    name = f"suishitsu-{month:%Y%m}.csv" if month else "suishitsu.csv"
    return spreadsheets.csv_response(
        name,
        CSV_COLUMNS,
        (
            [
                f"{r.month:%Y-%m}",
                r.sampling_point.name,
                r.item.name,
                r.value,
                r.item.unit,
                r.item.standard_text,
                "超過" if r.exceeds_standard else "",
            ]
            for r in results
        ),
    )


class ImportError_(Exception):
    """A CSV that cannot be imported; the message lists the lines, in Japanese."""


def decode_csv(data):
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return imports.decode(data)[0]
    except imports.CSVReadError as error:
        raise ImportError_(str(error)) from error


def _dict_rows(text):
    """(line number, {column: value}) per data row, like csv.DictReader; ImportError_ on a broken file."""
    try:
        all_records = list(imports.records(text))
    except imports.CSVReadError as error:
        raise ImportError_(str(error)) from error
    if not all_records:
        return [], []
    header = all_records[0][1]
    rows = [(number, dict(zip(header, values, strict=False))) for number, values in all_records[1:]]
    return header, rows


def import_results(data, month=None):
    """Import results from CSV (columns 検査月, 採水地点, 検査項目, 結果; others ignored).

    Either every row is stored or none: errors are collected per line and raised together.
    Sampling points are created when new; items must exist (their 基準値 is needed for the check).
    Returns (created, updated).
    """
    from water.models import WaterQualityItem, WaterQualityResult, WaterQualitySamplingPoint

    text = decode_csv(data)
    if "\x00" in text:
        raise ImportError_("CSVファイルに読み取れない文字（NUL）が含まれています。")
    fieldnames, records = _dict_rows(text)
    missing = [c for c in ("採水地点", "検査項目", "結果") if c not in fieldnames]
    if month is None and "検査月" not in fieldnames:
        missing.insert(0, "検査月")
    if missing:
        raise ImportError_(f"CSVの1行目に列名「{'」「'.join(missing)}」がありません。")
    items = {normalize(i.name): i for i in WaterQualityItem.objects.all()}
    errors, rows = [], []
    for line_number, row in records:
        row = {k: normalize(v) for k, v in row.items() if k}
        if not any(row.values()):
            continue
        row_month = month or parse_month(row.get("検査月", ""))
        item = items.get(row.get("検査項目", ""))
        point_name = row.get("採水地点", "")
        value = row.get("結果", "")
        if row_month is None:
            errors.append(f"{line_number}行目：検査月は「2026-10」の形で書いてください。")
        if item is None:
            errors.append(
                f"{line_number}行目：検査項目「{row.get('検査項目', '')[:30]}」は登録されていません。"
            )
        if not point_name or len(point_name) > 100:
            errors.append(f"{line_number}行目：採水地点を100文字以内で書いてください。")
        if item is not None and not value_is_valid(item, value):
            errors.append(
                f"{line_number}行目：{item.name}の結果「{value[:30]}」は{expected_value_text(item)}"
            )
        if len(errors) > 50:
            break
        rows.append((row_month, point_name, item, value))
    if errors:
        raise ImportError_("\n".join(errors))
    if not rows:
        raise ImportError_("CSVに取り込む行がありません。")
    created = updated = 0
    with transaction.atomic():
        for row_month, point_name, item, value in rows:
            point, _ = WaterQualitySamplingPoint.objects.get_or_create(name=point_name)
            result = WaterQualityResult.objects.filter(
                month=row_month, sampling_point=point, item=item
            ).first()
            if result is None:
                WaterQualityResult(month=row_month, sampling_point=point, item=item, value=value).save()
                created += 1
            elif result.value != value:
                result.value = value
                result.save()
                updated += 1
    return created, updated
