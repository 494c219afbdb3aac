"""The single place where staff decisions about a market reach its owner.

`asoud.notifications.notify` sends them (in-app, SMS, email, as the owner chose) once that app is
installed; until then the decision is only logged. Called inside the deciding transaction: nothing
is sent unless it commits.
"""

import logging
from functools import partial

from django.apps import apps
from django.db import transaction

from .models import Market

logger = logging.getLogger(__name__)


def market_owner_notify(*, market: Market, event: str, context: dict) -> None:
    """Tell the market's owner about `event` (market_verified, market_rejected) after commit."""
    if market.owner_id is None:
        return
    transaction.on_commit(partial(_send, user_id=market.owner_id, market_id=market.pk, event=event, context=context))


def _send(*, user_id: int, market_id: int, event: str, context: dict) -> None:
    logger.info("Owner notification %s for market %s (user %s)", event, market_id, user_id)
    if not apps.is_installed("asoud.notifications"):
        return
    from asoud.notifications.services import notify

    try:
        notify(user_id=user_id, event=event, context=context, market_id=market_id)
    except Exception:  # the staff decision is committed already; a lost notice must not turn it into a 500
        logger.exception("Owner notification %s for market %s failed", event, market_id)
