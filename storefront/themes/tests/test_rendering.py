"""The market's sections, colours and announcement shape its home page; drafts stay hidden."""

import re

import pytest

from storefront.catalog.tests.factories import CategoryFactory, DiscountFactory, ProductFactory, image_upload
from storefront.themes.services import store_contact_save, theme_asset_add, theme_document_publish, theme_draft_save


@pytest.fixture
def shop(in_alpha):
    with in_alpha():
        tea = CategoryFactory(name="Tea", slug="tea")
        CategoryFactory(name="Spices", slug="spices")
        ProductFactory(title="Featured kettle", is_featured=True, category=tea)
        sale = ProductFactory(title="Discounted tray")
        DiscountFactory(product=sale, value=30)
        ProductFactory(title="Plain cup")
        hero = theme_asset_add(upload=image_upload(1600, 900), alt="Kettles on a shelf")
        return {"hero": hero.pk}


def section_classes(html: str) -> list[str]:
    return re.findall(r'<section class="section (section-[\w-]+)', html)


@pytest.mark.django_db
def test_home_page_follows_the_published_sections_in_order(alpha_client, in_alpha, shop):
    with in_alpha():
        theme_document_publish(
            document={
                "colors": {"primary": "#123456"},
                "announcement": {
                    "enabled": True,
                    "text": {"fa": "ارسال رایگان", "en": "Free delivery"},
                    "link": "/products/",
                },
                "sections": [
                    {"type": "rich_text", "settings": {"title": "Our story", "html": "<p>Since <b>1998</b></p>"}},
                    {
                        "type": "hero",
                        "settings": {"title": {"fa": "خوش آمدید", "en": "Welcome"}, "image": shop["hero"]},
                    },
                    {"type": "featured_products", "settings": {"source": "discounted", "title": "Deals"}},
                    {"type": "category_grid", "settings": {"categories": ["spices", "tea"]}},
                    {
                        "type": "image_text",
                        "settings": {"title": "Made by hand", "image": shop["hero"], "image_position": "end"},
                    },
                    {"type": "new_arrivals", "settings": {"limit": 2}},
                    {"type": "banner", "settings": {"image": shop["hero"], "link": "/c/tea/"}},
                ],
            }
        )
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/").text
    assert section_classes(html) == [
        "section-rich-text",
        "section-hero",
        "section-products",
        "section-categories",
        "section-image-text",
        "section-products",
        "section-banner",
    ]
    assert "--store-primary:#123456" in html
    assert '<a href="/products/">Free delivery</a>' in html
    assert "Welcome" in html and "خوش آمدید" not in html
    assert "<p>Since <b>1998</b></p>" in html
    deals = html.split("Deals")[1].split("</section>")[0]
    assert "Discounted tray" in deals and "Featured kettle" not in deals
    grid = html.split('class="category-grid"')[1].split("</ul>")[0]
    assert grid.index("Spices") < grid.index("Tea")
    assert 'alt="Kettles on a shelf"' in html and ".webp 1600w" in html


@pytest.mark.django_db
def test_a_draft_is_not_shown_until_published(alpha_client, in_alpha, shop):
    with in_alpha():
        theme_document_publish(document={"sections": [{"type": "hero", "settings": {"title": "Live title"}}]})
        theme_draft_save(document={"sections": [{"type": "hero", "settings": {"title": "Draft title"}}]})
    html = alpha_client.get("/").text
    assert "Live title" in html and "Draft title" not in html
    with in_alpha():
        from storefront.themes.services import theme_publish

        theme_publish()
    assert "Draft title" in alpha_client.get("/").text


@pytest.mark.django_db
def test_a_market_without_settings_gets_its_themes_defaults(alpha_client, shop):
    html = alpha_client.get("/").text
    assert section_classes(html)[0] == "section-hero"
    assert "Alpha Shop" in html and "Featured kettle" in html


@pytest.mark.django_db
def test_about_page_shows_contact_details_and_location(alpha_client, in_alpha):
    with in_alpha():
        store_contact_save(
            about="<p>Family business <script>x</script></p>",
            phone="02188776655",
            email="hi@alpha.test",
            city="Tehran",
            province="Tehran",
            address="Valiasr St. 12",
            latitude="35.700000",
            longitude="51.400000",
            instagram="alpha.shop",
        )
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/about/").text
    assert "<p>Family business </p>" in html
    assert 'href="tel:02188776655"' in html and "hi@alpha.test" in html
    assert "openstreetmap.org/?mlat=35.700000&amp;mlon=51.400000" in html
    assert "https://instagram.com/alpha.shop" in html
    persian = alpha_client.get("/about/", HTTP_COOKIE="asoud_language=fa")
    assert "۰۲۱۸۸۷۷۶۶۵۵" in persian.text
