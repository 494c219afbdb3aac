"""A market's behaviour data (its own schema): events, visits, daily aggregates, recommendations.

Events arrive through Redis (`tracking.track`) and are written in batches by `analytics.events_flush`;
nothing here is written during a storefront request. Money is integer Rials.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Device(models.TextChoices):
    MOBILE = "mobile", _("Mobile")
    TABLET = "tablet", _("Tablet")
    DESKTOP = "desktop", _("Desktop")
    BOT = "bot", _("Bot")


class Event(models.Model):
    class Kind(models.TextChoices):
        PAGE_VIEW = "page_view", _("Page view")
        PRODUCT_VIEW = "product_view", _("Product view")
        SEARCH = "search", _("Search")
        ADD_TO_CART = "add_to_cart", _("Add to cart")
        CHECKOUT_STARTED = "checkout_started", _("Checkout started")
        ORDER_PLACED = "order_placed", _("Order placed")
        ORDER_PAID = "order_paid", _("Order paid")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("time"))
    session_key = models.CharField(_("visitor"), max_length=48)
    user_id = models.BigIntegerField(_("user"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    referrer = models.CharField(_("referrer"), max_length=200, blank=True)
    marketer = models.CharField(_("marketer"), max_length=30, blank=True)
    device = models.CharField(_("device"), max_length=8, choices=Device.choices)
    product_id = models.BigIntegerField(_("product"), null=True, blank=True)
    order_id = models.BigIntegerField(_("order"), null=True, blank=True)
    quantity = models.IntegerField(_("quantity"), null=True, blank=True)
    query = models.CharField(_("search"), max_length=100, blank=True)
    result_count = models.IntegerField(_("results"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["kind", "created_at"], name="analytics_event_kind"),
            models.Index(fields=["created_at"], name="analytics_event_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class VisitSession(models.Model):
    """One visit: a visitor's events with no gap longer than ANALYTICS_SESSION_GAP_MINUTES."""

    session_key = models.CharField(_("visitor"), max_length=48)
    user_id = models.BigIntegerField(_("user"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"))
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    converted = models.BooleanField(_("ordered"), default=False)
    device = models.CharField(_("device"), max_length=8, choices=Device.choices)
    referrer = models.CharField(_("referrer"), max_length=200, blank=True)
    marketer = models.CharField(_("marketer"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["session_key", "-ended_at"], name="analytics_visit_key"),
            models.Index(fields=["started_at"], name="analytics_visit_start"),
        ]

    def __str__(self) -> str:
        return f"{self.session_key} {self.started_at:%Y-%m-%d %H:%M}"


class MarketDaily(models.Model):
    """The market's day, rolled up by `analytics.rollup` (replaced whole on every run)."""

    day = models.DateField(_("day"), unique=True)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    page_views = models.PositiveIntegerField(_("page views"), default=0)
    product_views = models.PositiveIntegerField(_("product views"), default=0)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    carts = models.PositiveIntegerField(_("added to cart"), default=0)
    # The funnel: visits that reached each step.
    visits_viewing = models.PositiveIntegerField(_("visits with a product view"), default=0)
    visits_carting = models.PositiveIntegerField(_("visits with a cart"), default=0)
    visits_checkout = models.PositiveIntegerField(_("visits with a checkout"), default=0)
    visits_paid = models.PositiveIntegerField(_("visits with a payment"), default=0)
    orders = models.PositiveIntegerField(_("orders"), default=0)
    units = models.PositiveIntegerField(_("units"), default=0)
    revenue = models.BigIntegerField(_("sales (Rials)"), default=0)
    new_customers = models.PositiveIntegerField(_("new customers"), default=0)

    class Meta:
        verbose_name = _("day of the market")
        verbose_name_plural = _("days of the market")
        ordering = ["day"]

    def __str__(self) -> str:
        return str(self.day)


class ProductDaily(models.Model):
    day = models.DateField(_("day"))
    product_id = models.BigIntegerField(_("product"))
    views = models.PositiveIntegerField(_("views"), default=0)
    carts = models.PositiveIntegerField(_("added to cart"), default=0)
    orders = models.PositiveIntegerField(_("orders"), default=0)
    units = models.PositiveIntegerField(_("units"), default=0)
    revenue = models.BigIntegerField(_("sales (Rials)"), default=0)
    # The price shoppers paid that day (sales ÷ units), else the price shown (main price less the
    # discounts running that day); the price suggestions learn from it.
    price = models.BigIntegerField(_("price (Rials)"), null=True, blank=True)

    class Meta:
        verbose_name = _("day of a product")
        verbose_name_plural = _("days of products")
        constraints = [models.UniqueConstraint(fields=["day", "product_id"], name="analytics_product_day_unique")]
        indexes = [models.Index(fields=["product_id", "day"], name="analytics_product_day")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.day}"

    @property
    def conversion(self) -> float:
        return self.orders / self.views if self.views else 0.0


class Recommendation(models.Model):
    class Kind(models.TextChoices):
        BOUGHT_TOGETHER = "together", _("Bought together")
        SIMILAR = "similar", _("Similar")

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    related = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    score = models.FloatField(_("score"))
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["product", "kind", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind", "related"], name="analytics_recommendation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.product_id} → {self.related_id} ({self.kind})"


class CustomerRisk(models.Model):
    """A customer's churn risk as of the last `analytics.churn` run (replaced whole by each run)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    score = models.FloatField(_("risk"))
    recency_days = models.PositiveIntegerField(_("days since the last order"))
    orders = models.PositiveIntegerField(_("orders"))
    spend = models.BigIntegerField(_("spend (Rials)"))
    last_order_at = models.DateTimeField(_("last order"))
    # [{"code": "recency" | "frequency" | "spend", ...figures}], strongest first.
    reasons = models.JSONField(_("reasons"), default=list)
    # When the owner last sent this customer a win-back message (kept across runs).
    contacted_at = models.DateTimeField(_("contacted"), null=True, blank=True)

    class Meta:
        verbose_name = _("customer at risk")
        verbose_name_plural = _("customers at risk")
        ordering = ["-score", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user"], name="analytics_customer_risk_user_unique")]
        indexes = [models.Index(fields=["-score"], name="analytics_customer_risk_score")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.score:.2f}"

    @property
    def percent(self) -> int:
        return round(self.score * 100)


class ChurnRun(models.Model):
    """One training of the market's churn model: what it learned from and how it did."""

    class Method(models.TextChoices):
        MODEL = "model", _("Model trained on this market's orders")
        BASELINE = "baseline", _("Baseline: days since the last order")

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    samples = models.PositiveIntegerField(_("training examples"))
    positives = models.PositiveIntegerField(_("examples that churned"))
    customers = models.PositiveIntegerField(_("customers scored"))
    # ROC-AUC on the newest quarter of the history (time split), the model's and the baseline's.
    auc = models.FloatField(_("ROC-AUC"), null=True, blank=True)
    baseline_auc = models.FloatField(_("baseline ROC-AUC"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"))

    class Meta:
        verbose_name = _("churn model run")
        verbose_name_plural = _("churn model runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.method}"


class PriceSuggestion(models.Model):
    """A suggested price for a product (`services.prices`): never applied until the owner accepts it."""

    class Method(models.TextChoices):
        MODEL = "model", _("Learned from this shop's prices and sales")
        BASELINE = "baseline", _("Baseline: the median price in other markets")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for you")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    current_price = models.BigIntegerField(_("price then (Rials)"))
    suggested_price = models.BigIntegerField(_("suggested price (Rials)"))
    orders_change = models.FloatField(_("expected change in orders"), null=True, blank=True)
    revenue_change = models.FloatField(_("expected change in sales"), null=True, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    # [{"code": "response" | "tested" | "market", ...figures}]
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("price suggestion")
        verbose_name_plural = _("price suggestions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["product", "-created_at"], name="analytics_price_suggestion")]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.current_price} → {self.suggested_price}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def change_percent(self) -> int:
        return round((self.suggested_price / self.current_price - 1) * 100) if self.current_price else 0
