"""The trimmed Bootstrap keeps every rule a page can use: each Bootstrap class found in the rendered
pages (storefront, platform, sign-in, dashboard) is still styled by the trimmed stylesheet."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.core.static_trim import _CLASS, bootstrap_dir, css_trim
from storefront.catalog.tests.factories import ProductFactory

_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def classes_styled(css: str) -> set[str]:
    return set(_CLASS.findall(css))


def test_rules_of_unused_classes_go_and_the_rest_stay():
    css = (
        ":root{--bs-blue:#0d6efd}body{margin:0}.btn{color:red}.accordion{color:blue}"
        ".btn,.accordion-item{padding:0}@media (min-width:576px){.btn-lg{font-size:2rem}.col-sm-6{flex:0 0 auto}}"
        "@keyframes spin{to{transform:rotate(360deg)}}.btn:not(.toast){opacity:1}"
    )
    trimmed = css_trim(css, {"btn", "col-sm-6"})
    assert ":root{--bs-blue:#0d6efd}" in trimmed and "body{margin:0}" in trimmed
    assert ".btn{color:red}" in trimmed and ".btn{padding:0}" in trimmed
    assert "accordion" not in trimmed and "btn-lg" not in trimmed and "toast" not in trimmed
    assert "@media (min-width:576px){.col-sm-6{flex:0 0 auto}}" in trimmed
    assert "@keyframes spin" in trimmed


@pytest.mark.django_db
def test_every_bootstrap_class_the_pages_use_is_kept(market_alpha):
    with tenant_context(market_alpha):
        ProductFactory(title="Kettle", slug="kettle", price_main=1_000_000, initial_stock=5)
    full = classes_styled((bootstrap_dir() / "css" / "bootstrap.min.css").read_text())
    trimmed_css = Path(finders.find("bootstrap/css/bootstrap.trim.css")).read_text()
    trimmed = classes_styled(trimmed_css)
    assert len(trimmed_css) < 0.5 * len((bootstrap_dir() / "css" / "bootstrap.min.css").read_text())
    pages = {
        "alpha.localhost": ["/", "/products/", "/p/kettle/", "/search/?q=kettle", "/cart/", "/about/", "/no-such/"],
        "localhost": ["/", "/markets/", "/search/?q=kettle", "/accounts/login/", "/markets/new/"],
    }
    used = set()
    for host, paths in pages.items():
        for language in ("fa", "en"):
            client = Client(HTTP_HOST=host)
            client.cookies["asoud_language"] = language
            for path in paths:
                response = client.get(path, follow=True)
                assert response.status_code in (200, 404), (host, path)
                for attribute in _CLASS_ATTRIBUTE.findall(response.content.decode()):
                    used.update(attribute.split())
    bootstrap_used = used & full
    assert len(bootstrap_used) > 30  # the pages really are Bootstrap pages
    assert bootstrap_used <= trimmed, sorted(bootstrap_used - trimmed)
