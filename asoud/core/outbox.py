"""The outbox pattern shared by the SMS and notification services.

A row (an SMS, a notification delivery) is written in the same transaction as the business change
and its Celery task only carries the id, so the row is the outbox: whatever the broker or a worker
lost is found again in PostgreSQL. An `Outbox` describes such a model (its status values, the field
that gives the Celery priority, how a row is handed to the broker) and does the three things both
services did alike:

- `claim`: mark the row `sending` unless another worker has it (one UPDATE only one worker wins), so
  a row queued twice is still sent once;
- `resend_pending`: the fast outbox job: rows never tried whose task was lost, and rows a dead worker
  left `sending`, are set `queued` again and handed to the broker after commit; picked with
  `SELECT … FOR UPDATE SKIP LOCKED` and touched, so overlapping runs queue a row once and a row is
  queued at most once per interval;
- `requeue_stale`: the slow safety net for anything else left `queued` or `sending` for long.

Imports nothing of ours: it sits in the bottom layer next to the rest of `asoud.core`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

BATCH = 500


def _nothing_more(_now: datetime) -> Q:
    return Q()


@dataclass(frozen=True)
class Outbox:
    model: type[models.Model]  # with `status`, `attempts`, `created_at` and `updated_at`
    label: str  # for the logs: "SMS outbox"
    queued: str
    sending: str
    priority: str  # the field (or path) holding the Celery priority of a row
    enqueue: Callable[[int, int], None]  # (row id, priority): hand the row's task to the broker
    due: Callable[[datetime], Q] = _nothing_more  # rows that may be sent now (e.g. not scheduled later)

    def claim(self, pk: int, *, sending_stale_after: float) -> bool:
        """Mark the row `sending` (one more attempt) unless another worker has it. A row left
        `sending` for `sending_stale_after` seconds (its worker died) is taken over."""
        now = timezone.now()
        claimable = Q(status=self.queued) | Q(
            status=self.sending, updated_at__lt=now - timedelta(seconds=sending_stale_after)
        )
        claimed = self.model.objects.filter(claimable, self.due(now), pk=pk).update(
            status=self.sending, attempts=F("attempts") + 1, updated_at=now
        )
        return bool(claimed)

    def resend_pending(self, *, resend_after: float, sending_stale_after: float, only: Q | None = None) -> list[int]:
        """Queue again the rows never tried whose task was lost (`queued`, no attempt, untouched for
        `resend_after` seconds) and those a dead worker left `sending` for `sending_stale_after`."""
        now = timezone.now()
        pending = self.model.objects.filter(
            Q(status=self.queued, attempts=0, updated_at__lt=now - timedelta(seconds=resend_after))
            | Q(status=self.sending, updated_at__lt=now - timedelta(seconds=sending_stale_after)),
            self.due(now),
            only or Q(),
        )
        with transaction.atomic():
            rows = list(
                pending.select_for_update(skip_locked=True, of=("self",))
                .order_by("created_at")
                .values_list("pk", self.priority)[:BATCH]
            )
            ids = [pk for pk, _priority in rows]
            self.model.objects.filter(pk__in=ids).update(status=self.queued, updated_at=now)
            self._enqueue_after_commit(rows)
        if rows:
            logger.warning("%s: %d queued again: %s", self.label, len(rows), ids)
        return ids

    def stale(self, *, stale_after: float) -> models.QuerySet:
        """Rows due now and left `queued` or `sending` for `stale_after` seconds."""
        now = timezone.now()
        return self.model.objects.filter(
            Q(status=self.queued) | Q(status=self.sending),
            self.due(now),
            updated_at__lt=now - timedelta(seconds=stale_after),
        )

    def requeue(self, rows: models.QuerySet) -> list[int]:
        """Hand these rows' tasks to the broker again (after commit), BATCH at most, as they are."""
        picked = list(rows.values_list("pk", self.priority)[:BATCH])
        self._enqueue_after_commit(picked)
        return [pk for pk, _priority in picked]

    def _enqueue_after_commit(self, rows: list[tuple[int, int]]) -> None:
        for pk, priority in rows:
            transaction.on_commit(partial(self.enqueue, pk, priority))
