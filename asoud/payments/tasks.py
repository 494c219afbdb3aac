from celery import shared_task
from django.db import connection

from .services import payment_reconcile


@shared_task(name="payments.reconcile")
def payment_reconcile_task() -> dict:
    """Every few minutes (beat): settle payments whose shopper never came back from the gateway."""
    connection.set_schema_to_public()
    return payment_reconcile()
