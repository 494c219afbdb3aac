"""Which markets had something happen since a periodic job last looked ("dirty" markets).

The roll-up, fraud scan, recommendations and marketplace jobs visit only these, so an idle market
costs them nothing. Writers (an order placed or changed, events flushed, a product changed) call
`market_mark_dirty`: one pipelined SADD per job, cheap enough for every write. Each job has its own
Redis set, read and cleared in one transaction when the job starts (`dirty_take`), so what arrives
while it runs is kept for its next run.

Nothing is ever missed for long: when Redis cannot be reached the reader gets None and visits every
market, and each job still visits every market once per `ASOUD_PERIODIC_FULL_VISIT[job]` seconds
(`full_visit_due`), which also covers a mark lost while Redis was down.
"""

from __future__ import annotations

import contextlib
import logging

import redis
from django.conf import settings

from .redis import get_redis

logger = logging.getLogger(__name__)

JOBS = ("rollup", "fraud", "recommendations", "marketplace")


def _prefix() -> str:
    run = getattr(settings, "TEST_RUN_ID", "")
    return f"dirty-markets:{run}:" if run else "dirty-markets:"


def _set_key(job: str) -> str:
    return f"{_prefix()}{job}"


def _full_visit_key(job: str) -> str:
    return f"{_prefix()}{job}:full-visit"


def market_mark_dirty(*schema_names: str) -> None:
    """Mark markets for every job's next run. Never raises: with Redis down the mark is lost, and the
    job's next full visit (or a run that finds Redis down, and so visits all) covers the market."""
    if not schema_names:
        return
    try:
        pipe = get_redis().pipeline(transaction=False)
        for job in JOBS:
            pipe.sadd(_set_key(job), *schema_names)
        pipe.execute()
    except redis.RedisError:
        logger.warning("dirty markets: Redis unreachable, %s not marked (the next full visit covers it)", schema_names)


def dirty_take(job: str) -> set[str] | None:
    """The markets marked for `job` since its last run, and clear them; None when Redis is unreachable
    (the caller then visits every market)."""
    try:
        pipe = get_redis().pipeline(transaction=True)
        pipe.smembers(_set_key(job))
        pipe.delete(_set_key(job))
        members, _deleted = pipe.execute()
    except redis.RedisError:
        logger.warning("dirty markets: Redis unreachable, %s visits every market", job)
        return None
    return {member.decode() for member in members}


def dirty_peek(job: str) -> set[str]:
    """The markets marked for `job`, left in place (for staff, benches and tests); empty without Redis."""
    try:
        return {member.decode() for member in get_redis().smembers(_set_key(job))}
    except redis.RedisError:
        return set()


def full_visit_due(job: str) -> bool:
    """True once per ASOUD_PERIODIC_FULL_VISIT[job] seconds (always when that is 0, and whenever Redis
    cannot say)."""
    seconds = settings.ASOUD_PERIODIC_FULL_VISIT[job]
    if seconds <= 0:
        return True
    try:
        return bool(get_redis().set(_full_visit_key(job), "1", nx=True, ex=seconds))
    except redis.RedisError:
        return True


def full_visit_forget(job: str) -> None:
    """Make the job's next run a full visit (tests, benches, and staff after a restore)."""
    with contextlib.suppress(redis.RedisError):
        get_redis().delete(_full_visit_key(job))
