"""Every event the platform can notify about, its category (what people switch on and off), the
channels it may use, its priority and the context keys its templates need.

Templates live in templates/notifications/<event>/: `in_app.txt`, `sms.txt`, `email_subject.txt`
and `email.txt`, written in English with {% blocktranslate %} and translated to Persian in
locale/fa/translations/messaging.json.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_APP = "in_app", _("On the site")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")


class Category(models.TextChoices):
    ORDERS = "orders", _("Orders")
    MESSAGES = "messages", _("Chat messages")
    SUPPORT = "support", _("Support tickets")
    MARKET = "market", _("My market")
    WALLET = "wallet", _("Wallet and withdrawals")
    INVENTORY = "inventory", _("Stock")
    SECURITY = "security", _("Account security")
    OFFERS = "offers", _("Messages and offers from shops")


class Priority(models.IntegerChoices):
    # Celery priorities on the Redis broker, where 0 is served first (as for SMS).
    HIGH = 0, _("High")
    NORMAL = 5, _("Normal")
    LOW = 9, _("Low")


ALL = (Channel.IN_APP, Channel.SMS, Channel.EMAIL)

# What a person gets before they change anything on the settings page.
DEFAULT_PREFERENCES: dict[str, set[str]] = {
    Category.ORDERS: {Channel.IN_APP, Channel.SMS, Channel.EMAIL},
    Category.MESSAGES: {Channel.IN_APP, Channel.SMS, Channel.EMAIL},
    Category.SUPPORT: {Channel.IN_APP, Channel.EMAIL},
    Category.MARKET: {Channel.IN_APP, Channel.SMS, Channel.EMAIL},
    Category.WALLET: {Channel.IN_APP, Channel.SMS, Channel.EMAIL},
    Category.INVENTORY: {Channel.IN_APP, Channel.EMAIL},
    Category.SECURITY: {Channel.IN_APP, Channel.SMS, Channel.EMAIL},
    Category.OFFERS: {Channel.IN_APP, Channel.SMS},
}
# Categories nobody can switch off (not shown on the settings page): a change to how someone signs
# in must reach them even if a thief who changed it also changed their choices.
ALWAYS_ON = {Category.SECURITY}


@dataclass(frozen=True)
class Event:
    name: str
    category: str
    channels: tuple[str, ...]
    required: tuple[str, ...] = ()
    priority: int = Priority.NORMAL
    # For `notify(group_key=…)`: a repeat while the first is unread updates it instead of adding one.
    groupable: bool = False


class UnknownEvent(ValueError):
    pass


_ORDER = ("order_number",)

EVENTS: dict[str, Event] = {
    event.name: event
    for event in [
        # Orders, in a shopper's and a market owner's version. Context: order_number, total (Rials),
        # url (optional); owner versions also customer_name; shipped: tracking_code (optional).
        Event("order_placed_shopper", Category.ORDERS, ALL, (*_ORDER, "total")),
        Event("order_placed_owner", Category.ORDERS, ALL, (*_ORDER, "total", "customer_name")),
        Event("order_paid_shopper", Category.ORDERS, ALL, (*_ORDER, "total"), priority=Priority.HIGH),
        Event("order_paid_owner", Category.ORDERS, ALL, (*_ORDER, "total", "customer_name"), priority=Priority.HIGH),
        Event("order_shipped_shopper", Category.ORDERS, ALL, _ORDER),
        Event("order_shipped_owner", Category.ORDERS, (Channel.IN_APP, Channel.EMAIL), _ORDER),
        Event("order_completed_shopper", Category.ORDERS, ALL, _ORDER),
        Event("order_completed_owner", Category.ORDERS, (Channel.IN_APP, Channel.EMAIL), _ORDER),
        Event("order_cancelled_shopper", Category.ORDERS, ALL, _ORDER),
        # Chat: every new message shows on the bell; one still unread later goes out by SMS/email.
        Event(
            "chat_message",
            Category.MESSAGES,
            (Channel.IN_APP,),
            ("sender_name", "excerpt", "url"),
            groupable=True,
        ),
        Event(
            "chat_message_unread", Category.MESSAGES, (Channel.SMS, Channel.EMAIL), ("sender_name", "excerpt", "url")
        ),
        Event("ticket_answered", Category.SUPPORT, ALL, ("ticket_id", "subject", "url")),
        # Market verification (context: url, optional; rejected: reason).
        Event("market_verified", Category.MARKET, ALL, ()),
        Event("market_rejected", Category.MARKET, ALL, ("reason",)),
        # Suspension by staff (context: reason) and reactivation.
        Event("market_suspended", Category.MARKET, ALL, ("reason",), priority=Priority.HIGH),
        Event("market_reactivated", Category.MARKET, ALL, ()),
        # A shop owner's own words to a customer they are about to lose (the churn page).
        Event("market_message", Category.OFFERS, ALL, ("message", "url")),
        # Money arriving in a wallet (context: amount in Rials, balance in Rials).
        Event("wallet_credited", Category.WALLET, ALL, ("amount", "balance")),
        # Withdrawals from the wallet (context: amount in Rials; rejected: reason).
        Event("withdrawal_approved", Category.WALLET, ALL, ("amount",), priority=Priority.HIGH),
        Event("withdrawal_rejected", Category.WALLET, ALL, ("amount", "reason"), priority=Priority.HIGH),
        # Context: product_title, stock, url (optional).
        Event(
            "low_stock",
            Category.INVENTORY,
            (Channel.IN_APP, Channel.EMAIL),
            ("product_title", "stock"),
            priority=Priority.LOW,
        ),
        # The second factor (context: factor, a display name such as "Authenticator app").
        Event("second_factor_added", Category.SECURITY, ALL, ("factor",), priority=Priority.HIGH),
        Event("second_factor_removed", Category.SECURITY, ALL, ("factor",), priority=Priority.HIGH),
        Event("recovery_codes_reset", Category.SECURITY, ALL, (), priority=Priority.HIGH),
    ]
}

# Events about a market need `market_id` (their templates name the market).
MARKET_EVENTS = {name for name in EVENTS if name.startswith(("order_", "chat_", "market_", "low_stock"))}


def event_get(name: str) -> Event:
    try:
        return EVENTS[name]
    except KeyError:
        raise UnknownEvent(
            f"Unknown notification event {name!r}; register it in asoud/notifications/events.py"
        ) from None


def channels_by_category() -> dict[str, list[str]]:
    """The channels each category can use at all (the columns shown on the settings page)."""
    used: dict[str, set[str]] = {}
    for event in EVENTS.values():
        used.setdefault(event.category, set()).update(event.channels)
    return {category: [c for c in Channel.values if c in used.get(category, ())] for category in Category.values}
