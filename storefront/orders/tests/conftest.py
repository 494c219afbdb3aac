import pytest

from asoud.payments.tests.sandbox_server import sandbox_server, zarinpal  # noqa: F401
from storefront.cart.tests.conftest import in_alpha, market_client, shop, shopper, signed_in  # noqa: F401
from storefront.orders.models import ShippingMethod
from storefront.orders.services import shipping_method_create


@pytest.fixture
def post_method(in_alpha) -> ShippingMethod:  # noqa: F811 (the imported fixture)
    return shipping_method_create(name="Express post", kind=ShippingMethod.Kind.FLAT, cost=450_000)


@pytest.fixture
def methods(post_method):
    courier = shipping_method_create(
        name="Courier", kind=ShippingMethod.Kind.FREE_ABOVE, cost=600_000, free_above=20_000_000
    )
    pickup = shipping_method_create(name="Pickup at the shop", kind=ShippingMethod.Kind.PICKUP)
    return {"post": post_method, "courier": courier, "pickup": pickup}


@pytest.fixture(scope="session")
def shop_server_url(django_db_setup):
    """The real ASGI server on the test database whose Zarinpal is its own sandbox emulator (the root
    `live_server_url` points the gateway at port 8000, where no test server listens)."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import ROOT, _free_port, test_database_url

    port = _free_port()
    url = f"http://localhost:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "DJANGO_SETTINGS_MODULE": "asoud.settings.test",
        "ASOUD_DEV_TOOLS": "1",
        "PORT": str(port),
        "ZARINPAL_BASE_URL": f"{url}/dev/zarinpal",
    }
    command = [sys.executable, "-m", "uvicorn", "asoud.asgi:application", "--port", str(port), "--lifespan", "off"]
    process = subprocess.Popen([*command, "--no-access-log"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the test web server did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
