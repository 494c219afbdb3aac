"""Short-lived signed links to an order's invoice page, for apps.

A mobile app signs in with a JWT, but opens the invoice in a browser that has no session: the API
hands out the web's invoice address with `?signature=…`, which names the market, the order and its
shopper and expires after ORDERS_INVOICE_LINK_SECONDS. The page still shows the order only to its
own shopper (the signature names them) and only in the market that signed it.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404

from .models import Order

_SALT = "asoud.orders.invoice-link"


def invoice_signature(*, market_id: int, number: str, user_id: int) -> str:
    return signing.dumps({"m": market_id, "n": number, "u": user_id}, salt=_SALT, compress=True)


def _signed_user_id(*, signature: str, market_id: int, number: str) -> int | None:
    """The shopper a valid, unexpired signature for this market's order names; else None."""
    try:
        data = signing.loads(signature, salt=_SALT, max_age=settings.ORDERS_INVOICE_LINK_SECONDS)
    except signing.BadSignature:  # tampered with or expired (SignatureExpired is a BadSignature)
        return None
    if not isinstance(data, dict) or data.get("m") != market_id or data.get("n") != number:
        return None
    user_id = data.get("u")
    return user_id if isinstance(user_id, int) else None


def access_order_by_invoice_signature(*, signature: str, market_id: int, number: str) -> Order:
    """The order a valid link names, still its shopper's; else 404 (as for someone else's order)."""
    user_id = _signed_user_id(signature=signature, market_id=market_id, number=number)
    order = (
        Order.objects.filter(number=number, user_id=user_id).prefetch_related("items", "events").first()
        if user_id is not None
        else None
    )
    if order is None:
        raise Http404
    return order
