"""Lighthouse accessibility and best-practices scores of the page types (issue 15), fa and en, phone
(Lighthouse's mobile emulation) and desktop, against the real server on the test database.

Not part of the test suite (the file name does not start with test_). Install Lighthouse outside the
repository and run it through pytest, which starts the server and the markets:

    npm install --prefix /work/tools lighthouse@12
    LIGHTHOUSE=/work/tools/node_modules/.bin/lighthouse .venv/bin/pytest -p no:xdist -s scripts/lighthouse_pages.py

Cookies (the language choice, the owner's session) are set in a Chromium profile that Lighthouse then
drives over its debugging port, so pages see them as a browser would (the notification websocket too).
Reports land in .data/lighthouse/; a summary line per page is printed.
"""

import json
import os
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from storefront.cart.tests.factories import product_make
from storefront.orders.tests.helpers import committed
from tenants.models import Market

pytestmark = pytest.mark.django_db
OUT = Path(__file__).resolve().parent.parent / ".data" / "lighthouse"
OWNER = "+989130000001"


def _seed() -> tuple[str, str]:
    cache.clear()  # no page or fragment cached by an older build
    with tenant_context(Market.objects.get(slug="alpha")):
        product = product_make(title="کتری استیل", price=1_850_000, stock=3)
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(mobile=OWNER))
    return product.slug, client.cookies["sessionid"].value


def _remove(slug: str) -> None:
    """The product goes again: other tests count the market's products."""
    from storefront.catalog.models import Product, StockMovement

    with tenant_context(Market.objects.get(slug="alpha")):
        product = Product.objects.get(slug=slug)
        StockMovement.objects.filter(product_id=product.pk).delete()
        product.delete()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(url: str, *, port: int, preset: str, out: Path) -> tuple[dict, list[str]]:
    command = [os.environ.get("LIGHTHOUSE", "lighthouse"), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=accessibility,best-practices", f"--port={port}", "--disable-storage-reset"]  # fmt: skip
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, timeout=240, check=False)
    report = json.loads(out.read_text())
    scores = {key: category["score"] for key, category in report["categories"].items()}
    failing = sorted(
        audit["id"] for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in ("binary", "numeric")
    )  # fmt: skip
    return scores, failing


def test_lighthouse_scores(live_server_url, browser):
    slug, session = committed(_seed)
    shop = live_server_url.replace("localhost", "alpha.localhost")
    pages = {"store-home": f"{shop}/", "store-listing": f"{shop}/products/", "store-product": f"{shop}/p/{slug}/",
             "platform-home": f"{live_server_url}/", "dashboard": f"{shop}/dashboard/"}  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    profile = browser.browser_type.launch_persistent_context(
        tempfile.mkdtemp(), executable_path="/usr/bin/chromium",
        headless=True, args=[f"--remote-debugging-port={port}", "--no-sandbox"],
    )  # fmt: skip
    summary = {}
    try:
        for language in ("fa", "en"):
            profile.clear_cookies()
            for base in (shop, live_server_url):
                profile.add_cookies([{"name": "asoud_language", "value": language, "url": base},
                                     {"name": "asoud_signin_checked", "value": "1", "url": base},
                                     {"name": "sessionid", "value": session, "url": base}])  # fmt: skip
            for name, url in pages.items():
                for preset in ("mobile", "desktop"):
                    key = f"{name}-{language}-{preset}"
                    summary[key] = _run(url, port=port, preset=preset, out=OUT / f"{key}.json")
                    print("lighthouse", key, *summary[key], flush=True)
    finally:
        profile.close()
        committed(_remove, slug)
    (OUT / "summary.json").write_text(json.dumps(summary, indent=1))
