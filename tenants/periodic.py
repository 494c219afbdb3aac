"""Which markets a periodic job visits: only those where something happened since its last run
(asoud/core/dirty_markets.py), and every market once per full-visit period or when Redis cannot say."""

from django.db.models import QuerySet

from asoud.core.dirty_markets import dirty_take, full_visit_due

from .models import Market
from .selectors import market_list_real


def market_list_due(*, job: str) -> QuerySet[Market]:
    """The markets `job` must visit now; clears the job's marks (what arrives meanwhile is kept for
    its next run). Called once at the start of each run."""
    dirty = dirty_take(job)  # taken first, so a full visit clears the marks it covers
    if dirty is None or full_visit_due(job):
        return market_list_real()
    return market_list_real().filter(schema_name__in=dirty)
