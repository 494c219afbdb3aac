"""Search engines and social previews: sitemap, robots.txt, canonical URLs, Open Graph, JSON-LD."""

import json
import re

import pytest

from storefront.catalog.tests.factories import CategoryFactory, DiscountFactory, ProductFactory, image_upload


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.fixture
def catalogue(in_alpha):
    from storefront.catalog.services import product_image_add

    with in_alpha():
        tea = CategoryFactory(name="Tea", slug="tea")
        green = CategoryFactory(name="Green tea", slug="green-tea", parent=tea)
        sencha = ProductFactory(
            title="Sencha <special>",
            slug="sencha",
            category=green,
            price_main=5_000_000,
            sku="SEN-1",
            description="<p>A fresh, grassy green tea from the north.</p>",
        )
        DiscountFactory(product=sencha, value=10)
        product_image_add(product=sencha, upload=image_upload(), alt="Sencha tin")
        ProductFactory(title="Hidden", slug="hidden", is_active=False)


@pytest.mark.django_db
def test_sitemap_index_and_sections_list_this_markets_pages(alpha_client, catalogue):
    index = alpha_client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"].startswith("application/xml")
    sections = re.findall(r"<loc>(.*?)</loc>", index.text)
    assert "http://alpha.localhost/sitemap-products.xml" in sections
    products = alpha_client.get("/sitemap-products.xml").text
    assert "<loc>http://alpha.localhost/p/sencha/</loc>" in products
    assert "<lastmod>" in products and "hidden" not in products
    categories = alpha_client.get("/sitemap-categories.xml").text
    assert "http://alpha.localhost/c/green-tea/" in categories
    pages = alpha_client.get("/sitemap-pages.xml").text
    assert "<loc>http://alpha.localhost/about/</loc>" in pages


@pytest.mark.django_db
def test_sitemaps_are_per_market(beta_client, catalogue):
    assert "sencha" not in beta_client.get("/sitemap-products.xml").text


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(alpha_client):
    response = alpha_client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in response.text
    assert "Disallow: /dashboard/" in response.text and "Disallow: /cart/" in response.text


@pytest.mark.django_db
def test_product_page_metadata(alpha_client, catalogue):
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/p/sencha/?variant=1&utm_source=x").text
    assert '<link rel="canonical" href="http://alpha.localhost/p/sencha/">' in html
    assert '<meta name="description" content="A fresh, grassy green tea from the north.">' in html
    assert '<meta property="og:type" content="product">' in html
    assert '<meta property="og:title" content="Sencha &lt;special&gt;">' in html
    assert re.search(
        r'<meta property="og:image" content="http://alpha.localhost/media/alpha/catalog/products/\d+/thumbnails/[^"]+\.webp">',
        html,
    )
    assert '<meta property="og:locale" content="en_US">' in html
    product, breadcrumbs = json_ld(html)
    assert product["@type"] == "Product" and product["name"] == "Sencha <special>" and product["sku"] == "SEN-1"
    assert product["offers"]["price"] == "4500000" and product["offers"]["priceCurrency"] == "IRR"
    assert product["offers"]["availability"] == "https://schema.org/InStock"
    assert product["image"][0].startswith("http://alpha.localhost/media/")
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["Home", "Tea", "Green tea", "Sencha <special>"]
    assert "<special>" not in html.split("<body")[0].replace("\\u003C", "")  # escaped inside JSON-LD


@pytest.mark.django_db
def test_home_has_organization_data_and_persian_locale(alpha_client, catalogue):
    html = alpha_client.get("/").text
    assert '<link rel="canonical" href="http://alpha.localhost/">' in html
    assert '<meta property="og:locale" content="fa_IR">' in html
    (organization,) = json_ld(html)
    assert organization["@type"] == "Organization" and organization["name"] == "Alpha Shop"
    assert organization["url"] == "http://alpha.localhost/"


@pytest.mark.django_db
def test_listing_has_breadcrumbs_and_a_canonical_without_filters(alpha_client, catalogue):
    html = alpha_client.get("/c/green-tea/?sort=price_asc&in_stock=on").text
    assert '<link rel="canonical" href="http://alpha.localhost/c/green-tea/">' in html
    (breadcrumbs,) = json_ld(html)
    assert breadcrumbs["itemListElement"][-1]["item"] == "http://alpha.localhost/c/green-tea/"
