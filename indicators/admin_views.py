"""The admin report 「計画の指標」: each indicator of one 年度, with a chart, a table and an export."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from indicators import export
from indicators.chart import monthly_bar_chart
from indicators.fiscal import current_fiscal_year, wareki_fiscal_year
from indicators.measures import compute
from indicators.permissions import visible_measures

FIRST_YEAR = 2020  # 令和2年度: the plan's baseline year


def _year(request):
    current = current_fiscal_year()
    try:
        year = int(request.GET.get("year", current))
    except (TypeError, ValueError):
        return current
    return year if FIRST_YEAR <= year <= current + 1 else current


def _monthly_target(result):
    measure = result.measure
    if measure.target_value is None or not result.months:
        return None
    if measure.unit in ("％", "人"):  # a share or a level (9-12 友だち登録者数), not a yearly sum
        return measure.target_value
    if measure.number in ("9-3", "5-4"):
        return measure.target_value / 12
    return None


def report(request):
    numbers = visible_measures(request.user)
    if not numbers:
        raise PermissionDenied
    year = _year(request)
    results = compute(year, numbers)
    kind = request.GET.get("export")
    if kind == "csv":
        return export.csv_response(results, year)
    if kind == "xlsx":
        return export.xlsx_response(results, year)
    for result in results:
        if result.months:
            result.chart = monthly_bar_chart(
                f"chart-{result.measure.number}",
                f"{result.measure.number} {result.measure.indicator}（{wareki_fiscal_year(year)}・月別）",
                result.months,
                result.measure.unit,
                target=_monthly_target(result),
            )
            result.month_headers = [f"{m}月" for _y, m, _v in result.months]
    current = current_fiscal_year()
    years = [(y, wareki_fiscal_year(y)) for y in range(current, FIRST_YEAR - 1, -1)]
    return TemplateResponse(
        request,
        "indicators/admin/report.html",
        {
            "results": results,
            "year": year,
            "year_label": wareki_fiscal_year(year),
            "years": years,
            "is_current_year": year == current,
        },
    )
