"""Small known data sets for analytics tests: products through the catalogue services, orders as
checkout leaves them (snapshot fields, items), events as the flusher stores them."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from asoud.accounts.models import User
from asoud.accounts.tests.factories import UserFactory
from storefront.analytics.models import Event
from storefront.analytics.services import events_store
from storefront.catalog.models import Category, Product
from storefront.catalog.services import category_create, product_create
from storefront.orders.models import Order, OrderEvent, OrderItem
from storefront.orders.tests.factories import OrderFactory, OrderItemFactory

_n = itertools.count(1)


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def category_make(name: str = "Tea") -> Category:
    return category_create(name=name, slug=f"c-{next(_n)}")


def product_make(title: str, *, price: int = 1_000_000, stock: int = 10, **fields) -> Product:
    return product_create(title=title, slug=f"ap-{next(_n)}", price_main=price, initial_stock=stock, **fields)


def shopper(mobile: str | None = None, name: str = "") -> User:
    return UserFactory(mobile=mobile or f"+98936{next(_n):07d}", name=name)


def order_make(
    *,
    user: User,
    items: list[tuple[Product | None, int, int]],  # (product, quantity, unit price in Rials)
    created_at: datetime.datetime,
    status: str = Order.Status.COMPLETED,
    payment: str = Order.PaymentMethod.ONLINE,
    paid: bool = True,
    postal_code: str = "1234567890",
    mobile: str = "+989121234567",
) -> Order:
    subtotal = sum(quantity * price for _product, quantity, price in items)
    order = OrderFactory(
        user=user, status=status, payment_method=payment, subtotal=subtotal, receiver_mobile=mobile,
        postal_code=postal_code, paid_at=created_at if paid else None,
    )  # fmt: skip
    OrderItem.objects.bulk_create(
        OrderItemFactory.build(order=order, product=product, quantity=quantity, unit_price=price)
        for product, quantity, price in items
    )
    OrderEvent.objects.create(order=order, to_status=Order.Status.PENDING)
    Order.objects.filter(pk=order.pk).update(created_at=created_at)
    order.refresh_from_db()
    return order


def events_make(rows: list[tuple]) -> int:
    """rows: (kind, session key, time, extra fields) → stored through the flusher's own writer."""
    events = []
    for kind, session, when, *extra in rows:
        fields = extra[0] if extra else {}
        event = Event(kind=kind, session_key=session, created_at=when, device="mobile", **fields)
        event.marketer_click = None
        events.append(event)
    return events_store(events=events)
