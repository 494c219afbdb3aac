"""`manage.py seed_traffic [--market demo] [--days 30] [--visits 40] [--seed 1404] [--reset] [--no-plant]`

A month of believable behaviour for the demo markets: visits (home, product pages, searches, some
finding nothing), carts, checkouts and orders (bulk_create, consistent with checkout's snapshot
fields, marked with the note "seed_traffic"), events pushed through the same Redis buffer as real
tracking. Then the known structure of `storefront.analytics.planting` (fixed seed): customers of
whom a known set slow down and stop buying, planted product pairs bought together, weekly price
changes in categories with a known price response, weekend-heavy days; written as orders, items and
product views. Then the flush, daily roll-up, recommendation, churn, price suggestion and fraud
services run, so the owner's analytics pages show what was planted.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.affiliates.models import AffiliateLink, Click
from storefront.analytics.models import Event, VisitSession
from storefront.analytics.planting import Plan, ShopProduct, price_day, traffic_plan
from storefront.analytics.services import (
    churn_compute,
    events_flush_market,
    fraud_scan_market,
    price_suggestions_compute,
    recommendations_compute,
    rollup_range,
)
from storefront.analytics.tracking import event_push
from storefront.catalog.models import Product
from storefront.orders.models import Order, OrderEvent, OrderItem
from storefront.orders.services.placing import order_number_for
from tenants.models import Market

DEVICES = ["mobile"] * 6 + ["desktop"] * 3 + ["tablet"]
REFERRERS = ["", "", "", "www.google.com", "www.instagram.com", "t.me"]
MISSING_TERMS = ["سماور برقی", "قهوه ساز", "zarf", "چای سبز ارگانیک", "ketri"]
NOTE = "seed_traffic"


class Command(BaseCommand):
    help = "Generate a month of visits, events and orders for the demo markets, then run the analytics tasks."

    def add_arguments(self, parser):
        parser.add_argument("--market", action="append", help="market slug (repeatable); default: demo, saffron, ketab")
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--visits", type=int, default=40, help="average visits a day")
        parser.add_argument("--seed", type=int, default=1404)
        parser.add_argument("--reset", action="store_true", help="remove earlier seeded orders and all events first")
        parser.add_argument("--no-plant", action="store_true", help="random traffic only, no planted structure")
        parser.add_argument("--customers", type=int, default=120, help="planted customers (some of them churn)")
        parser.add_argument("--price-days", type=int, default=84, help="days of planted price changes")
        parser.add_argument("--views", type=int, default=15, help="planted product views a day per priced product")

    def handle(self, *args, **options):
        slugs = options["market"] or ["demo", "saffron", "ketab"]
        markets = list(Market.objects.filter(slug__in=slugs))
        if not markets:
            raise CommandError(f"no such market: {', '.join(slugs)} (run manage.py seed_demo first)")
        rng = random.Random(options["seed"])
        shoppers = self._shoppers()
        for market in markets:
            started = time.perf_counter()
            with tenant_context(market):
                if options["reset"]:
                    self._reset()
                products = list(Product.objects.filter(is_active=True).values_list("pk", "title", "price_main"))
                if not products:
                    self.stdout.write(f"{market.slug}: no products, skipped")
                    continue
                orders, events = self._generate(market, products, shoppers, rng, options["days"], options["visits"])
                rollup_days = options["days"]
                if not options["no_plant"]:
                    plan = self.plan(options)
                    planted_orders, planted_views = self._plant(plan, shoppers, rng)
                    orders, events = orders + planted_orders, events + planted_views
                    rollup_days = max(rollup_days, options["price_days"] + 1)
                stored = 0
                while True:
                    flushed = events_flush_market(schema=market.schema_name)
                    stored += flushed
                    if not flushed:
                        break
                today = timezone.localdate()
                rollup_range(start=today - datetime.timedelta(days=rollup_days), end=today, market_id=market.pk)
                recommendations = recommendations_compute()
                churn = churn_compute()
                suggestions = price_suggestions_compute(seed=options["seed"])
                signals = fraud_scan_market(market_id=market.pk)
            connection.set_schema_to_public()
            self.stdout.write(
                f"{market.slug}: {events} events ({stored} flushed), {orders} orders, recommendations {recommendations}, "
                f"churn {churn.method}, {suggestions} price suggestions, {signals} fraud signals "
                f"in {time.perf_counter() - started:.1f}s"
            )

    @staticmethod
    def plan(options: dict) -> Plan:
        """What this run plants in the current market (the same options on the same day: the same plan)."""
        rows = Product.objects.filter(is_active=True, price_main__gt=0).values_list("pk", "price_main", "category_id")
        return traffic_plan(
            products=[ShopProduct(*row) for row in rows],
            end=timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min)),
            customers=options["customers"],
            price_days=options["price_days"],
            views=options["views"],
            seed=options["seed"],
        )

    @staticmethod
    def planted_customer(number: int) -> User:
        user, _created = User.objects.get_or_create(
            mobile=f"+98938{number:07d}", defaults={"name": f"Planted customer {number}", "phone_verified": True}
        )
        return user

    def _plant(self, plan: Plan, shoppers: list[User], rng: random.Random) -> tuple[int, int]:
        """The plan as orders (planted customers' baskets; priced products' sales at the day's price,
        bought by the demo shoppers) and product views (through the flusher's own writer)."""
        products = {
            pk: (pk, title, price) for pk, title, price in Product.objects.values_list("pk", "title", "price_main")
        }
        people = {n: self.planted_customer(n) for n in plan.churn_day}
        baskets = [
            {"basket": [(products[pk], 1) for pk in items], "user": people[n], "at": at.timestamp()}
            for n, at, items in plan.baskets
        ]
        events = []
        for pk, days in plan.days.items():
            _pk, title, _price = products[pk]
            for index, day in enumerate(days):
                date = price_day(plan.end, len(days), index)
                for _ in range(day.views):
                    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(rng.randrange(8, 23))))
                    moment += datetime.timedelta(seconds=rng.randrange(3600))
                    event = Event(kind=Event.Kind.PRODUCT_VIEW, created_at=moment, session_key=uuid.uuid4().hex,
                                  device=rng.choice(DEVICES), path="/", product_id=pk)  # fmt: skip
                    events.append(event)
                for _ in range(day.orders):
                    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(rng.randrange(9, 23))))
                    baskets.append({"basket": [((pk, title, day.price), 1)], "user": rng.choice(shoppers),
                                    "at": moment.timestamp()})  # fmt: skip
        # Straight into the events table: these views are the price experiment, not visits to count.
        Event.objects.bulk_create(events, batch_size=5000)
        return self._orders(baskets, rng, cancel_share=0.0), len(events)

    def _shoppers(self) -> list[User]:
        people = []
        for n in range(60):
            user, _created = User.objects.get_or_create(
                mobile=f"+98939{n:07d}", defaults={"name": f"Demo shopper {n + 1}", "phone_verified": True}
            )
            people.append(user)
        return people

    def _reset(self) -> None:
        Order.objects.filter(note=NOTE).delete()
        Event.objects.all().delete()
        VisitSession.objects.all().delete()

    def _generate(self, market, products, shoppers, rng, days, visits_per_day) -> tuple[int, int]:
        now = timezone.now()
        payloads, baskets = [], []
        clicks = self._marketer_clicks(market, rng)
        # A few loyal shoppers come back often; most visit once or twice.
        weights = [8 if n < 6 else 2 if n < 20 else 1 for n in range(len(shoppers))]
        popular = [1 / (rank + 1) for rank in range(len(products))]
        for day_back in range(days, -1, -1):
            weekday_boost = 1.3 if (now - datetime.timedelta(days=day_back)).weekday() in (3, 4) else 1.0
            for _visit in range(int(rng.gauss(visits_per_day, visits_per_day / 5) * weekday_boost)):
                moment = now - datetime.timedelta(days=day_back, seconds=rng.randint(0, 86_000))
                if moment > now:
                    continue
                visit = self._visit(rng, moment, products, popular, shoppers, weights, clicks)
                payloads += visit["events"]
                if visit["basket"]:
                    baskets.append(visit)
        for start in range(0, len(payloads), 5000):
            event_push(schema=market.schema_name, payloads=payloads[start : start + 5000])
        return self._orders(baskets, rng), len(payloads)

    def _marketer_clicks(self, market, rng) -> list[int]:
        """Clicks on the demo marketers' links to this market: some visits arrive through them."""
        links = list(AffiliateLink.objects.filter(market=market))
        if not links:
            return []
        clicks = Click.objects.bulk_create(
            Click(link=link, market=market, ip_hash=uuid.uuid4().hex, user_agent=NOTE)
            for link in links
            for _ in range(rng.randint(15, 40))
        )
        return [click.pk for click in clicks]

    def _visit(self, rng, moment, products, popular, shoppers, weights, clicks) -> dict:
        session = uuid.uuid4().hex
        device, referrer = rng.choice(DEVICES), rng.choice(REFERRERS)
        click = rng.choice(clicks) if clicks and rng.random() < 0.15 else None
        user = rng.choices(shoppers, weights)[0] if rng.random() < 0.5 else None
        clock = [moment.timestamp()]

        def event(kind, **fields):
            clock[0] += rng.randint(10, 120)
            return {"k": kind, "t": clock[0], "s": session, "u": user.pk if user else None, "p": "/", "r": referrer,
                    "m": click, "d": device, **fields}  # fmt: skip

        events, basket = [event("page_view")], []
        if rng.random() < 0.25:
            missing = rng.random() < 0.35
            term = rng.choice(MISSING_TERMS) if missing else rng.choice(products)[1].split()[0]
            events.append(event("search", q=term, rc=0 if missing else rng.randint(1, 12)))
        for product in rng.choices(products, popular, k=rng.randint(0, 4)):
            events.append(event("product_view", pi=product[0]))
            if rng.random() < 0.22:
                quantity = 1 if rng.random() < 0.8 else rng.randint(2, 3)
                events.append(event("add_to_cart", pi=product[0], qt=quantity))
                basket.append((product, quantity))
        ordered = bool(basket) and rng.random() < 0.55
        if ordered:
            events.append(event("checkout_started"))
            if user is None:
                user = rng.choices(shoppers, weights)[0]
            if rng.random() < 0.8:
                events += [event("order_placed"), event("order_paid")]
            else:
                ordered = False
        return {"events": events, "basket": basket if ordered else [], "user": user, "at": clock[0]}

    @transaction.atomic
    def _orders(self, baskets, rng, cancel_share: float = 0.05) -> int:
        S, P = Order.Status, Order.PaymentMethod
        orders = []
        for visit in baskets:
            subtotal = sum(product[2] * quantity for product, quantity in visit["basket"])
            at = datetime.datetime.fromtimestamp(visit["at"], tz=datetime.UTC)
            age = (timezone.now() - at).days
            cash = rng.random() < 0.25
            status = S.COMPLETED if age > 5 else S.SHIPPED if age > 2 else S.VERIFIED
            if rng.random() < cancel_share:
                status = S.CANCELLED
            user = visit["user"]
            orders.append(
                Order(
                    user_id=user.pk, status=status, payment_method=P.CASH if cash else P.ONLINE, tier="retail",
                    subtotal=subtotal, shipping_cost=450_000, total=subtotal + 450_000, shipping_name="Post",
                    shipping_kind="flat", receiver_name=user.name, receiver_mobile=user.mobile, province="Tehran",
                    city="Tehran", street=f"Demo St. {user.pk % 97}", postal_code=f"{1_000_000_000 + user.pk:010d}",
                    note=NOTE, paid_at=None if cash else at,
                )
            )  # fmt: skip
        Order.objects.bulk_create(orders, batch_size=500)
        items, history = [], []
        for order, visit in zip(orders, baskets, strict=True):
            at = datetime.datetime.fromtimestamp(visit["at"], tz=datetime.UTC)
            order.created_at = at
            for (pk, title, price), quantity in visit["basket"]:
                items.append(OrderItem(order=order, product_id=pk, title=title, quantity=quantity, unit_price=price,
                                       regular_price=price, tier="retail", line_total=price * quantity))  # fmt: skip
            history.append(OrderEvent(order=order, to_status=Order.Status.PENDING, created_at=at))
        for order in orders:
            order.number = order_number_for(order)
        OrderItem.objects.bulk_create(items, batch_size=1000)
        OrderEvent.objects.bulk_create(history, batch_size=1000)
        # created_at is auto_now_add, so the past moments are written afterwards: one UPDATE per table
        # from arrays (bulk_update's CASE per row took most of the command's time).
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Order._meta.db_table} o SET created_at = v.at, number = v.number "
                "FROM unnest(%s::bigint[], %s::timestamptz[], %s::text[]) AS v(id, at, number) WHERE o.id = v.id",
                [[o.pk for o in orders], [o.created_at for o in orders], [o.number for o in orders]],
            )
            cursor.execute(
                f"UPDATE {OrderEvent._meta.db_table} e SET created_at = v.at "
                "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, at) WHERE e.id = v.id",
                [[e.pk for e in history], [o.created_at for o in orders]],
            )
        return len(orders)
