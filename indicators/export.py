"""The yearly report as CSV (UTF-8 with BOM, for Excel) or XLSX (openpyxl, already installed with Wagtail).

Every text cell is neutralised against formula injection (=, +, -, @, tab, CR at the start get a
leading apostrophe), numbers go in as numbers.
"""

import csv
import io

from django.http import HttpResponse

from indicators.fiscal import wareki_fiscal_year

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def header():
    return ["施策", "施策名", "指標", "担当", "年度", "実績値（令和2年度末）", "目標値（令和6年度末）", "年度の値", "年度の値（説明）"] + [
        f"{month}月" for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]


def rows(results):
    for result in results:
        measure = result.measure
        monthly = [("" if value is None else value) for _y, _m, value in result.months] if result.months else [""] * 12
        yield [
            measure.number,
            measure.title,
            measure.indicator,
            measure.division,
            wareki_fiscal_year(result.year),
            measure.baseline,
            measure.target,
            result.value if result.value is not None else "",
            result.value_text,
        ] + monthly


def filename(year, extension):
    return f"keikaku-shihyo-{year}.{extension}"


def csv_response(results, year):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in rows(results):
        writer.writerow([neutralise(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(year, "csv")}"'
    return response


def xlsx_response(results, year):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = wareki_fiscal_year(year)
    sheet.append(header())
    for row in rows(results):
        sheet.append([neutralise(cell) for cell in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(year, "xlsx")}"'
    return response
