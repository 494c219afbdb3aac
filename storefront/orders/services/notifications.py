"""The single place order notifications leave from."""

from __future__ import annotations

import logging

from django.db import connection, transaction

logger = logging.getLogger(__name__)


def _announce(order, event: str) -> None:
    """Tell the shopper and the market's owner about `event` (order_placed, order_paid, order_shipped,
    order_completed), after the transaction commits, through asoud.notifications when it is installed.

    A failing notification never undoes or breaks the order (robust on_commit, errors logged).
    """
    try:
        from asoud.notifications.services import notify
    except ImportError:
        return
    market = connection.tenant
    context = {"order_number": order.number, "order_id": order.pk, "total": order.total, "status": order.status}
    recipients = [order.user_id, getattr(market, "owner_id", None)]

    def send() -> None:
        for user_id in dict.fromkeys(recipient for recipient in recipients if recipient):
            notify(user_id=user_id, event=event, context=context, market_id=market.pk)

    transaction.on_commit(send, robust=True)
