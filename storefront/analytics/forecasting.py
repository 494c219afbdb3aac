"""How far to trust the stock forecast, and when to reorder.

The forecast (`selectors.stock_forecast`) expects a product to keep selling at its average daily rate
of the last WINDOW days. Its expected error comes from replaying that rule over the product's own
history (a backtest): at each of the last BACKTEST_ORIGINS weekly moments, the rule predicts the next
HORIZON days' units from the WINDOW days before, and the prediction is compared with what really
sold. The mean absolute percentage error (MAPE) of those weeks is the product's expected error.

The reorder date leaves room for both: stock is assumed to run out at the pessimistic rate (the rate
plus the expected error), and the order must go out the supplier's lead time before that day.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

WINDOW = 30
HORIZON = 7
BACKTEST_ORIGINS = 8
MIN_ORIGINS = 3  # fewer weeks with sales to judge by: no error figure (shown as "not enough history")
HISTORY_DAYS = WINDOW + HORIZON * BACKTEST_ORIGINS


def rate_forecast(units: Sequence[float], *, window: int = WINDOW, horizon: int = HORIZON) -> float:
    """Units expected over the next `horizon` days: the average day of the last `window` days."""
    recent = units[-window:]
    return sum(recent) / window * horizon if recent else 0.0


def last_week_forecast(units: Sequence[float], *, horizon: int = HORIZON) -> float:
    """The naive baseline: the next week sells what the last one did."""
    return float(sum(units[-horizon:]))


def backtest_mape(
    units: Sequence[float],
    *,
    method=rate_forecast,
    window: int = WINDOW,
    horizon: int = HORIZON,
    origins: int = BACKTEST_ORIGINS,
) -> float | None:
    """MAPE of `method` over the last `origins` weeks of `units` (one number per day, oldest first).
    Weeks that sold nothing are left out (a percentage of zero means nothing); None when fewer than
    MIN_ORIGINS weeks can be judged."""
    errors = []
    for k in range(1, origins + 1):
        cut = len(units) - k * horizon
        if cut < window:
            break
        actual = sum(units[cut : cut + horizon])
        if actual <= 0:
            continue
        errors.append(abs(method(units[:cut]) - actual) / actual)
    return sum(errors) / len(errors) if len(errors) >= MIN_ORIGINS else None


def reorder_date(
    *, stock: int, per_day: float, error: float | None, lead_days: int, today: datetime.date
) -> datetime.date | None:
    """The last day to order more: stock gone at the pessimistic rate, minus the lead time (today at
    the earliest). None when nothing sells."""
    if per_day <= 0:
        return None
    pessimistic = per_day * (1 + (error if error is not None else 0.5))  # unknown error: a wide margin
    runs_out = math.floor(max(stock, 0) / pessimistic)
    return max(today, today + datetime.timedelta(days=runs_out - lead_days))
