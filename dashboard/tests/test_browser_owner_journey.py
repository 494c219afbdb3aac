"""An owner's first hour, in a real browser against the live server: open a market with the onboarding
wizard, add a product with photos and a variant, see it in the shop, then import a CSV through the
Celery worker.

The live server and the worker are other processes: everything they must see is committed (the
`committed()` helper) and removed at the end (the market's schema is dropped, the user deleted).
"""

import re
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import tenant_context
from PIL import Image

from asoud.accounts.models import User
from storefront.orders.tests.helpers import committed
from tenants.models import Market

pytestmark = pytest.mark.django_db

IMPORT_ROWS = 50
IMPORT_BAD_ROWS = 2


def _import_csv(run: str) -> str:
    """50 rows: two of them wrong (a price that is no amount, an `active` that is neither yes nor no)."""
    lines = ["sku,title,price_toman,stock,active"]
    for n in range(1, IMPORT_ROWS + 1):
        if n == 17:
            lines.append(f"IMP-{run}-{n},Broken price {n},12abc,3,yes")
        elif n == 33:
            lines.append(f"IMP-{run}-{n},Undecided {n},1000,1,maybe")
        else:
            lines.append(f"IMP-{run}-{n},Imported item {n},{n * 1000},{n},yes")
    return "\n".join(lines) + "\n"


def _owner_create(mobile: str) -> tuple[int, str]:
    user = User.objects.create_user(mobile, name="Journey Owner")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return user.pk, client.cookies["sessionid"].value


def _worker_queues_drain(timeout: float = 45.0) -> None:
    """Wait (bounded) until the worker has taken every queued task (the import queues one listing task
    per product): dropping the market under them would leave them failing, now or in the next run."""
    from asoud.celery import app

    deadline = time.monotonic() + timeout
    with app.connection_for_write() as connection:
        client = connection.default_channel.client
        while time.monotonic() < deadline:
            if not any(client.llen(queue) for queue in settings.ASOUD_WORKER_QUEUES) and not client.hlen("unacked"):
                return
            time.sleep(0.2)
        while time.monotonic() < deadline:  # and has finished the task in hand, if any
            if not any((app.control.inspect(timeout=0.5).active() or {}).values()):
                return
            time.sleep(0.2)


def _products_delete(slug: str) -> None:
    """The products first, so their image files go too (dropping the schema leaves the files)."""
    from storefront.catalog.models import Product
    from storefront.catalog.services import products_delete

    market = Market.objects.filter(slug=slug).first()
    if market is not None:
        with tenant_context(market):
            products_delete(product_ids=list(Product.objects.values_list("pk", flat=True)))


def _market_and_owner_delete(slug: str, user_id: int) -> None:
    from tenants.services import market_delete

    market = Market.objects.filter(slug=slug).first()
    if market is not None:
        market_delete(market=market)
        _empty_folders_remove(Path(settings.MEDIA_ROOT) / market.schema_name)
    User.objects.filter(pk=user_id).delete()


def _empty_folders_remove(root: Path) -> None:
    """The market's media folders, once their files are deleted (a folder still holding a file stays)."""
    if root.is_dir():
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(root.iterdir()):
            root.rmdir()


def test_owner_opens_a_market_adds_a_product_and_imports_a_csv(
    browser, live_server_url, celery_worker_process, tmp_path
):
    from playwright.sync_api import expect

    from conftest import screenshot

    run = secrets.token_hex(3)
    slug = f"own-{run}"
    port = urlsplit(live_server_url).port
    market_url = f"http://{slug}.localhost:{port}"
    user_id, session = committed(_owner_create, f"0936{secrets.randbelow(9_000_000) + 1_000_000}")

    photos = []
    for n, colour in enumerate(("#c0392b", "#f1c40f")):
        path = tmp_path / f"photo-{n}.png"
        Image.new("RGB", (320, 240), colour).save(path)
        photos.append(str(path))
    csv_path = tmp_path / "products.csv"
    csv_path.write_text(_import_csv(run), encoding="utf-8")

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    try:
        context.add_cookies(
            [
                {"name": "sessionid", "value": session, "url": live_server_url},
                {"name": "asoud_language", "value": "en", "url": live_server_url},
                {"name": "asoud_language", "value": "en", "url": market_url},
            ]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)

        # 1. The onboarding wizard on the platform host: name, a fresh address (checked live), type, theme.
        page.goto(f"{live_server_url}/markets/new/")
        page.locator("input[name=name]").fill("Journey Bazaar")
        page.locator("input[name=slug]").fill(slug)
        expect(page.locator("#slug-status")).to_contain_text(f"“{slug}” is available ✓")
        page.locator("label[for=type-shop]").click()
        page.locator("label[for=theme-bazaar]").click()
        expect(page.locator("#type-shop")).to_be_checked()
        expect(page.locator("#theme-bazaar")).to_be_checked()
        screenshot(page, "journey-1-onboarding")
        page.get_by_role("button", name="Open my market").click()

        # 2. Through the handoff, signed in on the new market's dashboard.
        page.wait_for_url(f"{market_url}/dashboard/", timeout=30_000)
        expect(page.locator("body")).to_contain_text("Journey Bazaar")
        screenshot(page, "journey-2-dashboard")

        def market_fields():
            market = Market.objects.get(slug=slug)
            return market.owner_id, market.type, market.theme

        assert committed(market_fields) == (user_id, "shop", "bazaar")

        # 3. A product with two photos and a variant, prices in Toman.
        page.goto(f"{market_url}/dashboard/products/new/")
        page.locator("#id_title").fill("Saffron tin")
        page.locator("#id_slug").fill("saffron-tin")
        page.locator("#id_price_main").fill("125,000")
        page.locator("#id_price_colleague").fill("110,000")
        page.locator("#id_stock").fill("3")  # ignored: with variants the stock is theirs, and it saves at once
        assert page.locator("#discounts .formset-row").count() == 0  # no empty discount row
        page.locator("#variants [data-formset-add]").click()  # rows come on demand
        page.locator("#id_variants-0-title").fill("Large tin")
        page.locator("#id_variants-0-sku").fill(f"SAF-L-{run}")
        page.locator("#id_variants-0-options").fill("Size: L")
        page.locator("#id_variants-0-stock").fill("4")
        page.locator("input[name=images]").set_input_files(photos)
        screenshot(page, "journey-3-product-form")
        page.get_by_test_id("save-product").click()
        page.wait_for_url(re.compile(rf"{re.escape(market_url)}/dashboard/products/\d+/$"))
        expect(page.get_by_text("“Saffron tin” was added.")).to_be_visible()
        expect(page.locator("#product-images .image-item")).to_have_count(2)
        screenshot(page, "journey-4-product-saved")

        def saved_product():
            from storefront.catalog.models import Product

            with tenant_context(Market.objects.get(slug=slug)):
                product = Product.objects.get(slug="saffron-tin")
                return (
                    product.price_main,
                    product.price_colleague,
                    product.stock,
                    product.images.count(),
                    list(product.variants.values_list("title", "stock")),
                )

        assert committed(saved_product) == (1_250_000, 1_100_000, 4, 2, [("Large tin", 4)])

        page.goto(f"{market_url}/dashboard/products/")
        expect(page.locator("[data-testid=product-row]", has_text="Saffron tin")).to_have_count(1)
        screenshot(page, "journey-5-products-list")

        # 4. The shop shows it.
        page.goto(f"{market_url}/p/saffron-tin/")
        expect(page.locator("h1")).to_contain_text("Saffron tin")
        screenshot(page, "journey-6-storefront-product")

        # 5. A CSV import, run by the Celery worker, with live progress until done.
        page.goto(f"{market_url}/dashboard/products/import/")
        page.locator("input[name=file]").set_input_files(str(csv_path))
        page.get_by_role("button", name="Start the import").click()
        expect(page.get_by_test_id("import-status")).to_be_visible()
        expect(page.get_by_test_id("import-failed")).to_have_text(str(IMPORT_BAD_ROWS), timeout=60_000)
        expect(page.get_by_test_id("import-created")).to_have_text(str(IMPORT_ROWS - IMPORT_BAD_ROWS))
        expect(page.get_by_test_id("import-status")).to_contain_text("Finished")
        expect(page.get_by_test_id("import-status").locator("tbody tr")).to_have_count(IMPORT_BAD_ROWS)
        screenshot(page, "journey-7-import-done")

        def imported_count():
            from storefront.catalog.models import Product

            with tenant_context(Market.objects.get(slug=slug)):
                return Product.objects.filter(sku__startswith=f"IMP-{run}-").count()

        assert committed(imported_count) == IMPORT_ROWS - IMPORT_BAD_ROWS
    finally:
        context.close()
        try:
            # Each step queues tasks for the market (thumbnails, marketplace listing): let the worker
            # finish them while the market still exists.
            _worker_queues_drain()
            committed(_products_delete, slug)
            _worker_queues_drain()
        finally:
            committed(_market_and_owner_delete, slug, user_id)
