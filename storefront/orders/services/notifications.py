"""The single place order notifications leave from (asoud.notifications)."""

from __future__ import annotations

import logging

from django.db import connection, transaction

from asoud.notifications.links import market_link
from asoud.notifications.services import notify

logger = logging.getLogger(__name__)


def _announce(order, event: str, *, owner: bool = True) -> None:
    """Tell the shopper and the market's owner about `event` (order_placed, order_paid, order_shipped,
    order_completed) once the transaction commits: `<event>_shopper` and `<event>_owner` (the
    shopper only with `owner=False`, as for order_cancelled).

    A failing notification never undoes or breaks the order (robust on_commit; errors are logged).
    """
    market = connection.tenant
    context = {
        "order_number": order.number,
        "total": order.total,
        "customer_name": order.receiver_name,
        "tracking_code": order.tracking_code,
    }
    recipients = [(order.user_id, f"{event}_shopper", f"/orders/{order.number}/")]
    if owner:
        recipients.append((market.owner_id, f"{event}_owner", "/dashboard/"))

    def send() -> None:
        for user_id, name, path in recipients:
            if user_id:
                url = market_link(market_id=market.pk, path=path)
                notify(user_id=user_id, event=name, context={**context, "url": url}, market_id=market.pk)

    transaction.on_commit(send, robust=True)
