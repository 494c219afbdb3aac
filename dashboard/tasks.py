"""The dashboard's Celery task: the product CSV import (storefront/catalog/services/product_csv.py) run
in the schema of the market that queued it (tenant-schemas-celery)."""

from celery import shared_task

from storefront.catalog.services.product_csv import products_import_run


@shared_task(name="dashboard.products_import", ignore_result=True)
def products_import(job_id: str) -> None:
    products_import_run(job_id=job_id)
