"""Reads of the analytics app: the owner's report, customers (RFM and lifetime value), stock forecast,
recommendations. Every function runs a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import dataclasses
import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Lower, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asoud.accounts.models import User
from asoud.affiliates.models import Referral
from asoud.core.templatetags.asoud import format_toman, local_digits
from asoud.core.text import search_terms
from asoud.platform_analytics.models import FraudSignal
from storefront.catalog.models import Product
from storefront.catalog.selectors import product_cards
from storefront.orders.models import Order, OrderItem
from storefront.orders.selectors import SALE

from . import forecasting
from .learning import AT_RISK_SCORE
from .models import (
    ChurnRun,
    CustomerRisk,
    Event,
    MarketDaily,
    PriceSuggestion,
    ProductDaily,
    Recommendation,
    VisitSession,
)
from .services.recommendations import CACHE_SECONDS as RECOMMENDATION_CACHE_SECONDS
from .services.recommendations import CACHED_LIMIT, recommendation_cache_key
from .services.rollup import day_bounds, live_days, market_day_compute, product_days_compute

# --- The owner's report ------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: datetime.date
    sales: int
    orders: int
    visits: int


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    count: int
    of_first: float  # share of the first step, 0..1
    of_previous: float  # share of the step before, 0..1

    @property
    def previous_percent(self) -> float:
        return round(self.of_previous * 100, 1)


@dataclass(frozen=True)
class ProductRow:
    product_id: int
    title: str
    views: int
    carts: int
    orders: int
    units: int
    revenue: int

    @property
    def conversion(self) -> float:
        return self.orders / self.views if self.views else 0.0


@dataclass(frozen=True)
class MarketerRow:
    marketer: str
    visits: int
    converted: int
    orders: int = 0
    revenue: int = 0


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    days: list[Day]
    revenue: int = 0
    orders: int = 0
    units: int = 0
    visits: int = 0
    new_customers: int = 0
    funnel: list[FunnelStep] = field(default_factory=list)

    @property
    def conversion(self) -> float:
        """Visits that ended in a payment."""
        return self.funnel[-1].of_first if self.funnel else 0.0

    @property
    def conversion_percent(self) -> float:
        return round(self.conversion * 100, 1)

    @property
    def average_order(self) -> int:
        return self.revenue // self.orders if self.orders else 0


FUNNEL = [
    ("visits", _("Visits")),
    ("visits_viewing", _("Viewed a product")),
    ("visits_carting", _("Added to cart")),
    ("visits_checkout", _("Started checkout")),
    ("visits_paid", _("Paid")),
]


def funnel_steps(totals: dict[str, int]) -> list[FunnelStep]:
    steps, first, previous = [], None, None
    for key, label in FUNNEL:
        count = totals.get(key) or 0
        first = count if first is None else first
        steps.append(
            FunnelStep(
                key=key,
                label=label,
                count=count,
                of_first=count / first if first else 0.0,
                of_previous=(count / previous if previous else 0.0) if previous is not None else 1.0,
            )
        )
        previous = count
    return steps


def _market_days(start: datetime.date, end: datetime.date) -> dict[datetime.date, MarketDaily]:
    """The daily aggregates, with the days the roll-up has not caught up with (today, yesterday)
    computed live from the orders and events, so the report agrees with the overview."""
    live = live_days(start, end)
    rows = {row.day: row for row in MarketDaily.objects.filter(day__gte=start, day__lte=end).exclude(day__in=live)}
    rows.update((day, market_day_compute(day)) for day in live)
    return rows


def report_get(*, start: datetime.date, end: datetime.date) -> Report:
    """Sales, visits and the funnel from the daily aggregates, every day present."""
    rows = _market_days(start, end)
    days, day = [], start
    while day <= end:
        row = rows.get(day)
        days.append(Day(day, row.revenue if row else 0, row.orders if row else 0, row.visits if row else 0))
        day += datetime.timedelta(days=1)
    totals: dict[str, int] = {}
    for row in rows.values():
        for name in ("revenue", "orders", "units", "new_customers", *(key for key, _label in FUNNEL)):
            totals[name] = totals.get(name, 0) + getattr(row, name)
    return Report(
        start=start, end=end, days=days, revenue=totals.get("revenue", 0), orders=totals.get("orders", 0),
        units=totals.get("units", 0), visits=totals.get("visits", 0), new_customers=totals.get("new_customers", 0),
        funnel=funnel_steps(totals),
    )  # fmt: skip


def top_products(*, start: datetime.date, end: datetime.date, limit: int = 10) -> list[ProductRow]:
    """Best sellers of the period by sales, with views, carts and conversion (the days not rolled up
    yet computed live)."""
    live = live_days(start, end)
    names = ("views", "carts", "orders", "units", "revenue")
    totals: dict[int, dict] = {
        row["product_id"]: row
        for row in ProductDaily.objects.filter(day__gte=start, day__lte=end)
        .exclude(day__in=live)
        .values("product_id")
        .annotate(**{name: Sum(name) for name in names})
    }
    for day in live:
        for daily in product_days_compute(day):
            row = totals.setdefault(daily.product_id, {"product_id": daily.product_id, **dict.fromkeys(names, 0)})
            for name in names:
                row[name] += getattr(daily, name) or 0
    rows = sorted(totals.values(), key=lambda r: (-r["revenue"], -r["units"], -r["views"], r["product_id"]))[:limit]
    titles = dict(Product.objects.filter(pk__in=[r["product_id"] for r in rows]).values_list("pk", "title"))
    return [ProductRow(title=titles.get(r["product_id"], f"#{r['product_id']}"), **r) for r in rows]


def search_terms_without_results(*, start: datetime.date, end: datetime.date, limit: int = 10) -> list[dict]:
    """What shoppers looked for and did not find: [{"term", "searches", "visitors"}], most searched first."""
    since, _unused = day_bounds(start)
    _unused, until = day_bounds(end)
    return list(
        Event.objects.filter(kind=Event.Kind.SEARCH, result_count=0, created_at__gte=since, created_at__lt=until)
        .exclude(query="")
        .annotate(term=Lower("query"))
        .values("term")
        .annotate(searches=Count("id"), visitors=Count("session_key", distinct=True))
        .order_by("-searches", "term")[:limit]
    )


def traffic_by_marketer(*, market_id: int, start: datetime.date, end: datetime.date) -> list[MarketerRow]:
    """Visits each marketer brought, how many ordered, and their referred orders (public referrals)."""

    since, _unused = day_bounds(start)
    _unused, until = day_bounds(end)
    visits = (
        VisitSession.objects.filter(started_at__gte=since, started_at__lt=until)
        .exclude(marketer="")
        .values("marketer")
        .annotate(visits=Count("id"), converted=Count("id", filter=Q(converted=True)))
    )
    referred = (
        Referral.objects.filter(market_id=market_id, created_at__gte=since, created_at__lt=until)
        .exclude(status__in=[Referral.Status.CANCELLED, Referral.Status.REVERSED])
        .values("marketer__handle")
        .annotate(orders=Count("id"), revenue=Sum("amount"))
    )
    rows = {v["marketer"]: MarketerRow(v["marketer"], v["visits"], v["converted"]) for v in visits}
    for r in referred:
        handle = r["marketer__handle"]
        base = rows.get(handle) or MarketerRow(handle, 0, 0)
        rows[handle] = MarketerRow(handle, base.visits, base.converted, r["orders"], r["revenue"] or 0)
    return sorted(rows.values(), key=lambda row: (-row.revenue, -row.visits, row.marketer))


def fraud_signals_for_market(*, market_id: int, limit: int = 20):
    return list(FraudSignal.objects.filter(market_id=market_id).order_by("-last_seen")[:limit])


# --- Customers: RFM segments and lifetime value -------------------------------------------------


class Segment:
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    NEW = "new"
    PROMISING = "promising"
    AT_RISK = "at_risk"
    NEEDS_ATTENTION = "needs_attention"
    LOST = "lost"

    LABELS = {
        CHAMPIONS: _("Champions"),
        LOYAL: _("Loyal"),
        NEW: _("New"),
        PROMISING: _("Promising"),
        AT_RISK: _("At risk"),
        NEEDS_ATTENTION: _("Needs attention"),
        LOST: _("Lost"),
    }


def rfm_segment(*, recency_days: int, orders: int, customer_days: int) -> str:
    """Recency (days since the last order) and frequency (sale orders) → segment.

    Champions bought recently and often; loyal buy often but less recently; new bought once within
    30 days; promising bought lately but rarely; at risk were repeat buyers gone 3–6 months; needs
    attention bought once 3–6 months ago; lost have not bought for more than 6 months."""
    if recency_days > 180:
        return Segment.LOST
    if recency_days > 90:
        return Segment.AT_RISK if orders >= 2 else Segment.NEEDS_ATTENTION
    if orders >= 3:
        return Segment.CHAMPIONS if recency_days <= 30 else Segment.LOYAL
    if orders == 1 and customer_days <= 30:
        return Segment.NEW
    return Segment.PROMISING


def lifetime_value(*, spent: int, orders: int, customer_days: int) -> int:
    """Average order × orders a year (over at least 90 days of history) × ANALYTICS_LTV_YEARS, in Rials."""
    if not orders:
        return 0
    per_year = orders * 365 / max(customer_days, 90)
    return round(spent / orders * per_year * settings.ANALYTICS_LTV_YEARS)


@dataclass(frozen=True)
class Customer:
    user_id: int
    name: str
    mobile: str
    orders: int
    spent: int
    first_order: datetime.datetime
    last_order: datetime.datetime
    recency_days: int
    segment: str
    ltv: int

    @property
    def segment_label(self) -> str:
        return Segment.LABELS[self.segment]

    @property
    def average_order(self) -> int:
        return self.spent // self.orders if self.orders else 0


def customer_list(*, today: datetime.date | None = None, segment: str = "") -> list[Customer]:
    """Every customer with a sale order, best lifetime value first (two queries)."""
    today = today or timezone.localdate()
    rows = (
        Order.objects.filter(SALE)
        .order_by()
        .values("user_id")
        .annotate(orders=Count("id"), spent=Sum("total"), first=Min("created_at"), last=Max("created_at"))
    )
    rows = list(rows)
    people = {u.pk: u for u in User.objects.filter(pk__in=[r["user_id"] for r in rows]).only("pk", "name", "mobile")}
    customers = []
    for row in rows:
        recency = (today - timezone.localdate(row["last"])).days
        age = (today - timezone.localdate(row["first"])).days
        person = people.get(row["user_id"])
        customers.append(
            Customer(
                user_id=row["user_id"], name=person.name if person else "", mobile=person.mobile if person else "",
                orders=row["orders"], spent=row["spent"] or 0, first_order=row["first"], last_order=row["last"],
                recency_days=recency, segment=rfm_segment(recency_days=recency, orders=row["orders"], customer_days=age),
                ltv=lifetime_value(spent=row["spent"] or 0, orders=row["orders"], customer_days=age),
            )
        )  # fmt: skip
    if segment:
        customers = [c for c in customers if c.segment == segment]
    return sorted(customers, key=lambda c: (-c.ltv, c.user_id))


def segment_counts(customers: list[Customer]) -> list[tuple[str, str, int]]:
    counts = dict.fromkeys(Segment.LABELS, 0)
    for customer in customers:
        counts[customer.segment] += 1
    return [(key, Segment.LABELS[key], counts[key]) for key in Segment.LABELS]


# --- Stock forecast --------------------------------------------------------------------------


@dataclass(frozen=True)
class StockForecast:
    product_id: int
    title: str
    stock: int
    sold: int  # units in the window
    per_day: float
    days_left: int | None  # None: no recent sales, so no estimate
    # The backtest's mean absolute percentage error (0.2: ±20 %), None without enough history.
    error: float | None = None
    reorder_on: datetime.date | None = None  # the last day to order more (lead time included)

    @property
    def reorder_now(self) -> bool:
        return self.reorder_on is not None and self.reorder_on <= timezone.localdate()

    @property
    def error_percent(self) -> int | None:
        return None if self.error is None else round(self.error * 100)

    @property
    def runs_out_on(self) -> datetime.date | None:
        if self.days_left is None:
            return None
        return timezone.localdate() + datetime.timedelta(days=self.days_left)


def stock_forecast(
    *, days: int = 30, product_ids: list[int] | None = None, within_days: int | None = None, limit: int | None = None
) -> list[StockForecast]:
    """Expected days of stock left per active product from the last `days` days of sales (stock ÷ daily
    rate, rounded down), soonest first; products without sales come last. `within_days` keeps only
    those running out that soon (for the low-stock alert)."""
    since = timezone.now() - datetime.timedelta(days=days)
    sold = dict(
        OrderItem.objects.filter(order__in=Order.objects.filter(SALE, created_at__gte=since), product_id__isnull=False)
        .values("product_id")
        .annotate(units=Sum("quantity"))
        .values_list("product_id", "units")
    )
    products = Product.objects.filter(is_active=True)
    if product_ids is not None:
        products = products.filter(pk__in=product_ids)
    result = []
    for pk, title, stock in products.values_list("pk", "title", "stock"):
        units = sold.get(pk, 0)
        per_day = units / days
        left = math.floor(max(stock, 0) / per_day) if per_day else None
        if within_days is not None and (left is None or left > within_days):
            continue
        result.append(StockForecast(pk, title, stock, units, round(per_day, 2), left))
    result.sort(key=lambda f: (f.days_left is None, f.days_left or 0, f.title))
    result = result[:limit] if limit else result
    return _with_error_and_reorder(result, days=days)


def daily_units(*, product_ids: list[int], days: int) -> dict[int, list[int]]:
    """Units sold per product per day over the `days` whole days before today, oldest first (one query)."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days)
    rows = (
        OrderItem.objects.filter(
            order__in=Order.objects.filter(
                SALE,
                created_at__gte=datetime.datetime.combine(first, datetime.time.min, tzinfo=tz),
                created_at__lt=datetime.datetime.combine(today, datetime.time.min, tzinfo=tz),
            ),
            product_id__in=product_ids,
        )
        .annotate(day=TruncDate("order__created_at", tzinfo=tz))
        .order_by()
        .values("product_id", "day")
        .annotate(units=Sum("quantity"))
    )
    series = {pk: [0] * days for pk in product_ids}
    for row in rows:
        series[row["product_id"]][(row["day"] - first).days] += row["units"]
    return series


def _with_error_and_reorder(rows: list[StockForecast], *, days: int) -> list[StockForecast]:
    selling = [row.product_id for row in rows if row.per_day]
    if not selling:
        return rows
    history = daily_units(
        product_ids=selling, days=forecasting.WINDOW + forecasting.HORIZON * forecasting.BACKTEST_ORIGINS
    )
    today, lead = timezone.localdate(), settings.ANALYTICS_REORDER_LEAD_DAYS
    result = []
    for row in rows:
        if not row.per_day:
            result.append(row)
            continue
        error = forecasting.backtest_mape(history[row.product_id], window=days)
        reorder = forecasting.reorder_date(
            stock=row.stock, per_day=row.per_day, error=error, lead_days=lead, today=today
        )
        result.append(dataclasses.replace(row, error=error, reorder_on=reorder))
    return result


# --- Recommendations -------------------------------------------------------------------------


def _together_ids(*, product_id: int, limit: int) -> list[int]:
    """Products bought in the same orders (the nightly co-purchase rows only: no filler)."""
    return list(
        Recommendation.objects.filter(
            product_id=product_id, kind=Recommendation.Kind.BOUGHT_TOGETHER, related__is_active=True
        )
        .order_by("rank")
        .values_list("related_id", flat=True)[:limit]
    )


SIMILAR_CANDIDATES = 200


def _title_words(title: str) -> set[str]:
    return {word for word in search_terms(title, limit=12) if len(word) >= 3 and not word.isdigit()}


def _similar_ids(*, product: Product, limit: int) -> list[int]:
    """Products like this one by content: shared keywords (nightly rows, which add one for the same
    category), shared title words (two each), the same category and a price within half to double.
    A product sharing no keyword and no title word is only "popular nearby", never "similar"; and
    what is already shown as bought together is left out."""
    keyword_scores = dict(
        Recommendation.objects.filter(product_id=product.pk, kind=Recommendation.Kind.SIMILAR).values_list(
            "related_id", "score"
        )
    )
    words = _title_words(product.title)
    nearby = Q(pk__in=list(keyword_scores))
    for word in words:
        nearby |= Q(title__icontains=word)
    if product.category_id is not None and words:
        nearby |= Q(category_id=product.category_id)
    together = set(_together_ids(product_id=product.pk, limit=limit))
    candidates = (
        Product.objects.filter(nearby, is_active=True)
        .exclude(pk__in=[product.pk, *together])
        .values_list("pk", "title", "category_id", "price_main", "sold_count")[:SIMILAR_CANDIDATES]
    )
    scored = []
    for pk, title, category_id, price, sold in candidates:
        shared = len(words & _title_words(title))
        if not shared and pk not in keyword_scores:
            continue
        same_category = product.category_id is not None and category_id == product.category_id
        score = keyword_scores.get(pk, 1 if same_category else 0) + 2 * shared
        score += 1 if product.price_main // 2 <= price <= product.price_main * 2 else 0
        scored.append((-score, -sold, pk))
    return [pk for _score, _sold, pk in sorted(scored)[:limit]]


def _recommended_ids(*, product: Product, kind: str, limit: int) -> list[int]:
    if kind == Recommendation.Kind.BOUGHT_TOGETHER:
        return _together_ids(product_id=product.pk, limit=limit)
    return _similar_ids(product=product, limit=limit)


def product_recommendations(*, product: Product, kind: str, limit: int = 4) -> list[Product]:
    """Products to show next to `product`, ready for product cards (ids cached for 10 minutes)."""
    return product_recommendations_both(product=product, limit=limit, kinds=(kind,))[kind]


def product_recommendations_both(
    *,
    product: Product,
    limit: int = 4,
    kinds: tuple[str, ...] = (Recommendation.Kind.BOUGHT_TOGETHER, Recommendation.Kind.SIMILAR),
) -> dict[str, list[Product]]:
    """Both kinds for one product page ("together", "similar"): their ids from one cache read
    (computed on a miss), then the cards of both in one query with its prefetches."""
    # The first CACHED_LIMIT ids of each kind are cached; a page asking for more computes them.
    cacheable = limit <= CACHED_LIMIT
    keys = {kind: recommendation_cache_key(kind, product.pk) for kind in kinds}
    cached = cache.get_many(list(keys.values())) if cacheable else {}
    ids = {kind: cached[keys[kind]] for kind in kinds if keys[kind] in cached}
    wide = CACHED_LIMIT if cacheable else limit
    missing = {kind: _recommended_ids(product=product, kind=kind, limit=wide) for kind in kinds if kind not in ids}
    if missing and cacheable:
        cache.set_many({keys[kind]: found for kind, found in missing.items()}, RECOMMENDATION_CACHE_SECONDS)
    ids.update(missing)
    ids = {kind: found[:limit] for kind, found in ids.items()}
    wanted = {pk for kind in kinds for pk in ids[kind]}
    if not wanted:
        return {kind: [] for kind in kinds}
    found = {p.pk: p for p in product_cards(Product.objects.filter(pk__in=wanted, is_active=True))}
    return {kind: [found[pk] for pk in ids[kind] if pk in found] for kind in kinds}


def bought_together(*, product: Product, limit: int = 4) -> list[Product]:
    return product_recommendations(product=product, kind=Recommendation.Kind.BOUGHT_TOGETHER, limit=limit)


def similar_products(*, product: Product, limit: int = 4) -> list[Product]:
    return product_recommendations(product=product, kind=Recommendation.Kind.SIMILAR, limit=limit)


# --- Churn risk ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AtRisk:
    risk: CustomerRisk
    name: str
    mobile: str

    def reasons(self) -> list[str]:
        """The reasons behind the score as sentences in the current language, strongest first."""
        texts = []
        for reason in self.risk.reasons:
            code = reason.get("code")
            if code == "recency":
                texts.append(
                    _("No order for %(days)s days; usually one every %(gap)s days.")
                    % {"days": local_digits(reason["days"]), "gap": local_digits(reason["usual_gap"])}
                )
            elif code == "frequency":
                texts.append(
                    _("%(recent)s orders in the last two months, %(before)s in the two months before.")
                    % {"recent": local_digits(reason["recent"]), "before": local_digits(reason["before"])}
                )
            elif code == "spend":
                texts.append(
                    _("Spent %(recent)s in the last two months, %(before)s in the two months before.")
                    % {"recent": format_toman(reason["recent"]), "before": format_toman(reason["before"])}
                )
        return texts


def customers_at_risk(*, limit: int = 50) -> tuple[list[AtRisk], ChurnRun | None]:
    """The customers likeliest to leave (score at least AT_RISK_SCORE), and the run that scored
    them (three queries)."""
    risks = list(CustomerRisk.objects.filter(score__gte=AT_RISK_SCORE)[:limit])
    people = {u.pk: u for u in User.objects.filter(pk__in=[r.user_id for r in risks]).only("pk", "name", "mobile")}
    rows = [
        AtRisk(
            risk=r, name=getattr(people.get(r.user_id), "name", ""), mobile=getattr(people.get(r.user_id), "mobile", "")
        )
        for r in risks
    ]
    return rows, ChurnRun.objects.first()


# --- Price suggestions ---------------------------------------------------------------------------


def price_suggestion_get(*, product_id: int) -> PriceSuggestion | None:
    """The product's open suggestion, else its latest decided one (to show what was done)."""
    rows = PriceSuggestion.objects.filter(product_id=product_id)
    return rows.filter(status=PriceSuggestion.Status.OPEN).first() or rows.first()


def price_suggestion_reasons(suggestion: PriceSuggestion) -> list[str]:
    """The suggestion's reasons in plain words."""
    said = []
    for reason in suggestion.reasons:
        code = reason.get("code")
        if code == "response":
            change = round(reason["orders_per_ten_percent"] * 100)
            said.append(
                _("Here, 10%% more on the price means %(change)s%% orders per visitor.")
                % {"change": local_digits(f"{change:+d}")}
            )
        elif code == "tested":
            said.append(
                _("Learned from %(days)s days at prices from %(low)s to %(high)s (with the other products of its category).")
                % {"days": local_digits(reason["days"]), "low": format_toman(reason["low"]),
                   "high": format_toman(reason["high"])}
            )  # fmt: skip
        elif code == "market":
            said.append(
                _("%(markets)s other markets sell it for %(low)s to %(high)s (median %(median)s).")
                % {"markets": local_digits(reason["markets"]), "low": format_toman(reason["low"]),
                   "high": format_toman(reason["high"]), "median": format_toman(reason["median"])}
            )  # fmt: skip
    return said
