"""The monthly chart (inline SVG): axis ticks a reader can trust."""

import re

from indicators.chart import monthly_bar_chart
from indicators.fiscal import fiscal_months


def axis_labels(svg):
    return re.findall(r'<text [^>]*text-anchor="end">([^<]+)</text>', svg)


def chart(values, unit):
    months = [(y, m, v) for (y, m), v in zip(fiscal_months(2026), values, strict=True)]
    return str(monthly_bar_chart("c", "テスト", months, unit))


def test_a_count_axis_has_whole_distinct_ticks_even_without_data():
    assert axis_labels(chart([0] * 12, "件")) == ["0", "1", "2", "3", "4"]
    assert axis_labels(chart([1, 0, 2] + [0] * 9, "件")) == ["0", "1", "2", "3", "4"]


def test_the_axis_covers_the_largest_month():
    labels = axis_labels(chart([349_227, 320_584] + [0] * 10, "件"))
    assert labels == ["0", "100,000", "200,000", "300,000", "400,000"]


def test_a_percentage_axis_may_step_by_halves():
    assert axis_labels(chart([8.7, 9.9] + [0] * 10, "％")) == ["0％", "2.5％", "5％", "7.5％", "10％"]
