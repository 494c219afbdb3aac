from celery import shared_task
from django.db import connection

from .services import order_reservations_release


@shared_task(name="orders.reservations_release")
def order_reservations_release_task() -> dict:
    """Every minute (beat), from the public schema: give back the stock of unpaid online orders."""
    connection.set_schema_to_public()
    return order_reservations_release()
