"""CSV import (a Celery task with a live progress partial and an error report) and CSV export."""

import csv
import io
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from dashboard.tasks import products_import
from storefront.catalog.models import Product, StockMovement
from storefront.catalog.services.product_csv import import_job_errors, import_job_get

from .factories import category_make, product_make

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

GOOD_AND_BAD = """sku,title,category,price_toman,colleague_price_toman,stock,active,keywords
TEA-1,Green tea,Tea,"125,000",110000,12,yes,"green, tea"
TEA-2,Black tea,Tea,۹۰٬۰۰۰,,4,no,
BAD-1,Broken price,Tea,12abc,,3,yes,
BAD-2,Unknown shelf,Nowhere,1000,,1,maybe,
,,,,,,,
EXIST,Renamed by CSV,,50000,,20,,
"""


@pytest.fixture
def owner_client(alpha_client, market_alpha):
    alpha_client.force_login(User.objects.get(mobile="+989130000001"))
    alpha_client.cookies["asoud_language"] = "en"
    return alpha_client


def upload(client, text, name="products.csv"):
    return client.post(
        "/dashboard/products/import/", {"file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")}
    )


def test_import_page_documents_every_column(owner_client):
    body = owner_client.get("/dashboard/products/import/").content.decode()
    for column in (
        "sku",
        "title",
        "category",
        "price_toman",
        "colleague_price_toman",
        "marketer_price_toman",
        "stock",
        "active",
        "keywords",
        "weight_grams",
        "description",
    ):
        assert f"<code>{column}</code>" in body


def test_import_end_to_end_good_rows_in_bad_rows_reported(
    owner_client, market_alpha, django_capture_on_commit_callbacks
):
    with tenant_context(market_alpha):
        category_make("Tea")
        existing = product_make(sku="EXIST", title="Old name", initial_stock=5)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(owner_client, GOOD_AND_BAD)
    assert response.status_code == 302 and len(queued) == 1  # the task is queued after commit
    job_id = response["Location"].rstrip("/").split("/")[-1]
    with tenant_context(market_alpha):
        assert import_job_get(job_id)["state"] == "queued"
    waiting = owner_client.get(response["Location"], **HTMX).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "Waiting to start" in waiting

    with tenant_context(market_alpha), translation.override("fa"):  # a worker's default language
        products_import(job_id)  # what the worker runs, in the market's schema

    fragment = owner_client.get(response["Location"], **HTMX).content.decode()
    assert fragment.lstrip().startswith('<section id="import-status"') and "every 1s" not in fragment  # polling stops
    page = owner_client.get(response["Location"]).content.decode()
    assert "<html" in page and "Finished" in page
    with tenant_context(market_alpha):
        job = import_job_get(job_id)
        assert (job["created"], job["updated"], job["failed"]) == (2, 1, 3)
        # The worker runs in Persian by default; the messages follow the owner who uploaded (English).
        messages = " ".join(str(error) for error in import_job_errors(job_id))
        assert messages and not any("\u0600" <= char <= "\u06ff" for char in messages), messages
        green = Product.objects.get(sku="TEA-1")
        assert (green.price_main, green.price_colleague, green.stock, green.category.name) == (
            1_250_000,
            1_100_000,
            12,
            "Tea",
        )
        assert sorted(green.keywords.values_list("name", flat=True)) == ["green", "tea"]
        assert Product.objects.get(sku="TEA-2").is_active is False
        assert Product.objects.get(sku="TEA-2").price_main == 900_000
        existing.refresh_from_db()
        assert (existing.title, existing.price_main, existing.stock) == ("Renamed by CSV", 500_000, 20)
        movement = StockMovement.objects.filter(product=existing).first()
        assert (movement.delta, movement.reason, movement.note) == (15, "correction", "CSV import")
        assert not Product.objects.filter(sku__startswith="BAD").exists()

    report = owner_client.get(f"/dashboard/products/import/{job_id}/errors.csv")
    assert report.status_code == 200 and report["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["line", "column", "problem"]
    problems = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert "Enter an amount in Toman" in problems[("4", "price_toman")]
    assert "There is no category “Nowhere”" in problems[("5", "category")]
    assert problems[("5", "active")] == "Write yes or no."
    assert problems[("6", "title")] == "A new product needs a title."
    assert rows[1][3:5] == ["BAD-1", "Broken price"]  # the row as it was, to fix and import again


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sku,title,prise\n1,a,2\n", "Unknown column(s): prise"),
        ("stock,price_toman\n1,2\n", "needs a “sku” or a “title” column"),
        ("", "file is empty"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_before_queuing(owner_client, content, message):
    body = upload(owner_client, content).content.decode()
    assert message in body


def test_a_non_utf8_file_gets_a_clear_message(owner_client):
    data = b"sku,title\n1,\xe7\xe1\xed\n"  # Windows-1256 Persian, not UTF-8
    response = owner_client.post("/dashboard/products/import/", {"file": SimpleUploadedFile("x.csv", data)})
    assert "UTF-8" in response.content.decode()


def test_import_jobs_are_private_to_their_market(owner_client, market_alpha, market_beta):
    from storefront.catalog.services.product_csv import import_job_create

    with tenant_context(market_beta):
        theirs = import_job_create(text="sku\n1\n", filename="x.csv", user_id=None)
    assert owner_client.get(f"/dashboard/products/import/{theirs}/").status_code == 404
    assert owner_client.get(f"/dashboard/products/import/{theirs}/", **HTMX).status_code == 404
    assert owner_client.get(f"/dashboard/products/import/{theirs}/errors.csv").status_code == 404
    assert owner_client.get("/dashboard/products/import/not-a-job/").status_code == 404


def test_export_streams_every_product_with_toman_prices(owner_client, market_alpha):
    with tenant_context(market_alpha):
        tea = category_make("چای")
        product_make(sku="E-1", title="چای سبز", category=tea, price_main=1_250_000, keywords=["سبز"], initial_stock=3)
        product_make(sku="E-2", title="Hidden", is_active=False)
    response = owner_client.get("/dashboard/products/export.csv")
    assert response.status_code == 200 and response.streaming
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    by_sku = {row["sku"]: row for row in rows}
    assert by_sku["E-1"]["title"] == "چای سبز" and by_sku["E-1"]["price_toman"] == "125000"
    assert (by_sku["E-1"]["category"], by_sku["E-1"]["stock"], by_sku["E-1"]["keywords"]) == ("چای", "3", "سبز")
    assert by_sku["E-2"]["active"] == "no"
    filtered = b"".join(owner_client.get("/dashboard/products/export.csv?active=1").streaming_content).decode()
    assert "E-1" in filtered and "E-2" not in filtered


def test_an_exported_file_imports_back_unchanged(owner_client, market_alpha):
    from storefront.catalog.services.product_csv import import_job_create

    with tenant_context(market_alpha):
        product_make(sku="R-1", title="Round trip", price_main=12_345, initial_stock=2)
    text = b"".join(owner_client.get("/dashboard/products/export.csv").streaming_content).decode("utf-8-sig")
    with tenant_context(market_alpha):
        job_id = import_job_create(text=text, filename="x.csv", user_id=None)
        products_import(job_id)
        assert import_job_get(job_id)["failed"] == 0
        assert Product.objects.get(sku="R-1").price_main == 12_345  # 1234.5 Toman survives
        assert not StockMovement.objects.filter(note="CSV import").exists()


# --- Through the real Celery worker --------------------------------------------------------------


def in_own_connection(function):
    """Run in a thread with its own autocommit connection, so the worker (another process) sees it."""
    outcome = {}

    def run():
        from django.db import connection

        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_a_real_worker_imports_in_the_markets_schema(celery_worker_process, market_alpha):
    """The queued task carries the market's schema: the worker writes into alpha, never public."""
    from storefront.catalog.services.product_csv import import_job_create

    def queue():
        with tenant_context(market_alpha):
            job_id = import_job_create(
                text="sku,title,price_toman,stock\nWORKER-1,Worker tea,1000,2\n", filename="w.csv", user_id=None
            )
            products_import.delay(job_id)
            return job_id

    job_id = in_own_connection(queue)
    try:
        deadline = time.monotonic() + 60
        with tenant_context(market_alpha):
            while (import_job_get(job_id) or {}).get("state") != "done" and time.monotonic() < deadline:
                time.sleep(0.3)
            assert import_job_get(job_id)["created"] == 1
            assert Product.objects.get(sku="WORKER-1").stock == 2
    finally:

        def cleanup():
            with tenant_context(market_alpha):
                from storefront.catalog.services import products_delete

                products_delete(product_ids=list(Product.objects.filter(sku="WORKER-1").values_list("pk", flat=True)))

        in_own_connection(cleanup)
