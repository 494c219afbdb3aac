"""The single place where staff decisions about a market reach its owner.

The notifications app (a layer above) receives the `market_owner_notice` signal and sends them
(in-app, SMS, email, as the owner chose); without a receiver the decision is only logged. Called
inside the deciding transaction: nothing is sent unless it commits.
"""

import logging
from functools import partial

from django.db import transaction

from .models import Market
from .signals import market_owner_notice

logger = logging.getLogger(__name__)


def market_owner_notify(*, market: Market, event: str, context: dict) -> None:
    """Tell the market's owner about `event` (market_verified, market_rejected) after commit."""
    if market.owner_id is None:
        return
    transaction.on_commit(partial(_send, user_id=market.owner_id, market_id=market.pk, event=event, context=context))


def _send(*, user_id: int, market_id: int, event: str, context: dict) -> None:
    logger.info("Owner notification %s for market %s (user %s)", event, market_id, user_id)
    market_owner_notice.send(sender=Market, user_id=user_id, market_id=market_id, event=event, context=context)
