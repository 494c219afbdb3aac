"""A small server-side SVG chart (no JavaScript, no CDN): clicks as bars, orders as a line."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from asoud.core.formatting import date as jdate
from asoud.core.formatting import day_month
from asoud.core.formatting import digits as local_digits

from .selectors import DayFigures

WIDTH, HEIGHT, PAD_X, PAD_TOP, PAD_BOTTOM = 720, 220, 36, 16, 28


def daily_chart_svg(days: list[DayFigures], *, title: str) -> SafeString:
    if not days:
        return SafeString("")
    top = max([1] + [d.clicks for d in days] + [d.orders for d in days])
    plot_w, plot_h = WIDTH - 2 * PAD_X, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / len(days)

    def y(value: int) -> float:
        return round(PAD_TOP + plot_h - plot_h * value / top, 1)

    bars = format_html_join(
        "",
        '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}: {}</title></rect>',
        (
            (round(PAD_X + i * step + step * 0.15, 1), y(d.clicks), round(step * 0.7, 1),
             round(PAD_TOP + plot_h - y(d.clicks), 1), jdate(d.day), local_digits(d.clicks))
            for i, d in enumerate(days)
        ),
    )  # fmt: skip
    points = " ".join(f"{round(PAD_X + (i + 0.5) * step, 1)},{y(d.orders)}" for i, d in enumerate(days))
    labels = format_html_join(
        "",
        '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (round(PAD_X + (i + 0.5) * step, 1), HEIGHT - 8, day_month(d.day))
            for i, d in enumerate(days)
            if i % max(len(days) // 6, 1) == 0
        ),
    )
    grid = format_html(
        '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="chart-label" x="4" y="{}">{}</text><text class="chart-label" x="4" y="{}">{}</text>',
        PAD_X, PAD_TOP + plot_h, WIDTH - PAD_X, PAD_TOP + plot_h,
        PAD_TOP + 8, local_digits(top), PAD_TOP + plot_h, local_digits(0),
    )  # fmt: skip
    return format_html(
        '<svg class="marketer-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" dir="ltr" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}{}'
        '<polyline class="chart-line" fill="none" points="{}"/>{}</svg>',
        WIDTH, HEIGHT, title, title, grid, bars, points, labels,
    )  # fmt: skip
