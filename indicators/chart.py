"""A monthly bar chart as inline SVG, drawn on the server: no script, no external request.

The chart is an image with a text alternative (role="img", <title>, <desc>); the report shows the
same figures in a table right under it, which is the accessible alternative for every value.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 72, 12, 16, 40


def _nice_max(value, whole=True):
    """Top of the axis: four equal steps of 1, 2, 2.5 or 5 times a power of ten. With `whole` (counts)
    a step is a whole number, so that the axis never reads 0, 0, 1, 1 for a few events a month."""
    magnitude = 10 ** max(len(str(int(value))) - 2, 0) if value > 0 else 1
    while True:
        for step in (1, 2, 2.5, 5):
            tick = step * magnitude
            if whole and tick != int(tick):
                continue
            if 4 * tick >= value:
                return 4 * tick
        magnitude *= 10


def _label(value, unit):
    if value is None:
        return "値なし"
    if unit == "％":
        return f"{value:g}％"
    return f"{value:,.0f}"


def monthly_bar_chart(chart_id, title, months, unit, target=None):
    """`months`: (year, month, value) for April to March. `target`: a yearly target per month, or None."""
    # A month without a value (not begun, or nothing to divide) has no bar, and says so in the text.
    values = [value for _y, _m, value in months if value is not None]
    top = _nice_max(max(values + ([target] if target else []) + [0]), whole=unit != "％")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(months), 1)

    def y_of(value):
        return f"{TOP + plot_h - plot_h * value / top:.1f}"

    def num(value):
        return f"{value:.1f}"

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="ind-chart__grid"/>'
        '<text x="{}" y="{}" class="ind-chart__axis" text-anchor="end">{}</text>',
        (
            (
                LEFT,
                WIDTH - RIGHT,
                y_of(top * i / 4),
                y_of(top * i / 4),
                LEFT - 6,
                num(float(y_of(top * i / 4)) + 4),
                _label(top * i / 4, unit),
            )
            for i in range(5)
        ),
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="ind-chart__bar"/>'
        '<text x="{}" y="{}" class="ind-chart__axis" text-anchor="middle">{}月</text>',
        (
            (
                num(LEFT + slot * i + slot * 0.15),
                y_of(value or 0),
                num(slot * 0.7),
                num(plot_h * (value or 0) / top),
                num(LEFT + slot * i + slot / 2),
                HEIGHT - BOTTOM + 18,
                month,
            )
            for i, (_year, month, value) in enumerate(months)
        ),
    )
    target_line = ""
    if target:
        target_line = format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="ind-chart__target"/>'
            '<text x="{}" y="{}" class="ind-chart__axis" text-anchor="end">目標の月平均</text>',
            LEFT, WIDTH - RIGHT, y_of(target), y_of(target), WIDTH - RIGHT, num(float(y_of(target)) - 4),
        )
    peak = max(values) if values else 0
    description = "、".join(f"{month}月 {_label(value, unit)}" for _y, month, value in months)
    return format_html(
        '<svg class="ind-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'preserveAspectRatio="xMidYMid meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">月別の値（最大 {}）：{}</desc>'
        "{}{}{}"
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="ind-chart__baseline"/>'
        "</svg>",
        WIDTH, HEIGHT, chart_id, chart_id, chart_id, title, chart_id, _label(peak, unit), description,
        grid, bars, mark_safe(target_line), LEFT, WIDTH - RIGHT, TOP + plot_h, TOP + plot_h,
    )
