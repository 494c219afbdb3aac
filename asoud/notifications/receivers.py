"""Receivers of the tenants layer's signals (connected in NotificationsConfig.ready)."""

import logging

from tenants.signals import market_owner_notice

from .services import notify

logger = logging.getLogger(__name__)


def _market_owner_notice(sender, *, user_id: int, market_id: int, event: str, context: dict, **kwargs) -> None:
    try:
        notify(user_id=user_id, event=event, context=context, market_id=market_id)
    except Exception:  # the staff decision is committed already; a lost notice must not turn it into a 500
        logger.exception("Owner notification %s for market %s failed", event, market_id)


def connect_receivers() -> None:
    market_owner_notice.connect(_market_owner_notice, dispatch_uid="notifications.market_owner_notice")
