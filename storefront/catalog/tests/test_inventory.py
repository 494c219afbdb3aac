"""Stock changes are locked, never go negative, and every one is recorded for audit."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from storefront.catalog.models import Product, StockMovement
from storefront.catalog.services import stock_adjust, stock_set
from storefront.catalog.tests.factories import ProductFactory, UserFactory, VariantFactory


@pytest.mark.django_db
def test_every_change_is_recorded_with_who_when_why_and_the_result(in_alpha):
    with in_alpha():
        owner = UserFactory()
        product = ProductFactory(initial_stock=10, user=owner)
        stock_adjust(product=product, delta=-3, reason=StockMovement.Reason.SALE, note="order 42")
        stock_adjust(product=product, delta=5, reason=StockMovement.Reason.RESTOCK, user=owner)
        stock_set(product=product, quantity=11, reason=StockMovement.Reason.CORRECTION, user=owner)
        history = list(StockMovement.objects.filter(product=product).order_by("id"))
        assert Product.objects.get(pk=product.pk).stock == 11
    assert [(m.reason, m.delta, m.quantity_after) for m in history] == [
        ("initial", 10, 10),
        ("sale", -3, 7),
        ("restock", 5, 12),
        ("correction", -1, 11),
    ]
    assert [m.user_id for m in history] == [owner.pk, None, owner.pk, owner.pk]
    assert history[1].note == "order 42"
    assert all(m.created_at is not None for m in history)
    assert sum(m.delta for m in history) == history[-1].quantity_after


@pytest.mark.django_db
def test_stock_never_goes_below_zero(in_alpha):
    with in_alpha():
        product = ProductFactory(initial_stock=2)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            stock_adjust(product=product, delta=-3, reason=StockMovement.Reason.SALE)
        assert "Not enough stock: 2 left, 3 requested." in error.value.messages[0]
        assert Product.objects.get(pk=product.pk).stock == 2
        assert StockMovement.objects.filter(product=product).count() == 1


@pytest.mark.django_db
def test_variant_stock_adds_up_to_the_product_stock(in_alpha):
    with in_alpha():
        product = ProductFactory(initial_stock=0)
        small = VariantFactory(product=product, initial_stock=4)
        large = VariantFactory(product=product, initial_stock=6)
        stock_adjust(product=product, variant=large, delta=-6, reason=StockMovement.Reason.SALE)
        product.refresh_from_db()
        large.refresh_from_db()
        assert (product.stock, large.stock, product.has_variants) == (4, 0, True)
        assert StockMovement.objects.filter(variant=small).get().quantity_after == 4
        with pytest.raises(ValidationError):
            stock_adjust(product=product, delta=1, reason=StockMovement.Reason.RESTOCK)


@pytest.mark.django_db
def test_stock_state_on_the_page(alpha_client, in_alpha):
    with in_alpha():
        product = ProductFactory(slug="cup", initial_stock=10)
    alpha_client.cookies["asoud_language"] = "en"
    assert "In stock" in alpha_client.get("/p/cup/").text
    with in_alpha():
        stock_adjust(product=product, delta=-8, reason=StockMovement.Reason.SALE)
    assert "Only 2 left in stock" in alpha_client.get("/p/cup/").text
    with in_alpha():
        stock_adjust(product=product, delta=-2, reason=StockMovement.Reason.SALE)
    page = alpha_client.get("/p/cup/").text
    assert 'data-testid="stock-state">\n  Out of stock' in page
    assert "Out of stock" in alpha_client.get("/products/").text
