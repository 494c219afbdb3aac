"""Charts drawn on the server as SVG geometry: no JavaScript, no chart library, works offline.

The template (`dashboard/overview.html#sales-chart`) draws what `sales_chart` computes: one bar per
day for sales and a line for the number of orders. In right-to-left languages time runs from right
to left, so the newest day is at the left edge.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
PAD_TOP, PAD_BOTTOM, PAD_SIDE = 16, 28, 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: object
    sales: int
    orders: int
    label: bool  # show the day under this bar
    center_pct: float  # where the bar's middle is, in % of the width (for the HTML labels under the chart)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    line: str  # SVG polyline points for the orders
    dots: list[tuple[float, float]]
    gridlines: list[tuple[float, int]]  # (y, sales value in Rials)
    max_sales: int
    max_orders: int
    baseline: float

    @property
    def is_empty(self) -> bool:
        return self.max_sales == 0 and self.max_orders == 0


def _nice_ceiling(value: int) -> int:
    """A round multiple of a power of ten, at least `value` (so gridlines fall on round numbers)."""
    if value <= 0:
        return 0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def sales_chart(days, *, rtl: bool = False, label_every: int = 5) -> Chart:
    """Geometry for `days` (objects with .day, .sales, .orders), oldest first."""
    count = max(len(days), 1)
    plot_height = HEIGHT - PAD_TOP - PAD_BOTTOM
    baseline = HEIGHT - PAD_BOTTOM
    slot = (WIDTH - 2 * PAD_SIDE) / count
    max_sales = _nice_ceiling(max((day.sales for day in days), default=0))
    max_orders = max((day.orders for day in days), default=0)
    orders_scale = max(max_orders, 1) * 1.15
    bars, dots = [], []
    for index, day in enumerate(days):
        position = count - 1 - index if rtl else index
        x = PAD_SIDE + position * slot
        height = plot_height * day.sales / max_sales if max_sales else 0
        newest = index == count - 1
        bars.append(
            Bar(
                x=round(x + slot * 0.15, 2),
                y=round(baseline - height, 2),
                width=round(slot * 0.7, 2),
                height=round(height, 2),
                day=day.day,
                sales=day.sales,
                orders=day.orders,
                label=newest or (count - 1 - index) % label_every == 0,
                center_pct=round((x + slot / 2) * 100 / WIDTH, 2),
            )
        )
        dots.append((round(x + slot / 2, 2), round(baseline - plot_height * day.orders / orders_scale, 2)))
    gridlines = [(round(baseline - plot_height * step / 4, 2), max_sales * step // 4) for step in (1, 2, 3, 4)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        line=" ".join(f"{x},{y}" for x, y in dots),
        dots=dots,
        gridlines=gridlines if max_sales else [],
        max_sales=max_sales,
        max_orders=max_orders,
        baseline=baseline,
    )
