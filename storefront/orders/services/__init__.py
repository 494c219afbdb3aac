"""Writes for orders, split by subject (placing, payments, transitions, setup)."""

from .payments import (
    order_on_paid,
    order_payment_failed,
    order_payment_return,
    order_payment_start,
    order_reservations_release,
)
from .placing import order_number_for, order_place
from .setup import checkout_settings_update, shipping_method_create, shipping_method_remove, shipping_method_update
from .transitions import TRANSITIONS, order_stock_release, order_transition, transitions_allowed

__all__ = [
    "TRANSITIONS",
    "checkout_settings_update",
    "order_number_for",
    "order_on_paid",
    "order_payment_failed",
    "order_payment_return",
    "order_payment_start",
    "order_place",
    "order_reservations_release",
    "order_stock_release",
    "order_transition",
    "shipping_method_create",
    "shipping_method_remove",
    "shipping_method_update",
    "transitions_allowed",
]
