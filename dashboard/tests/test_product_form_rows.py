import pytest

from asoud.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_new_product_form_carries_empty_variant_and_discount_rows_for_javascript(alpha_client, market_alpha):
    alpha_client.force_login(User.objects.get(mobile="+989130000001"))
    html = alpha_client.get("/dashboard/products/new/").content.decode()
    empty = html.split("<template data-formset-empty>")
    assert len(empty) == 3  # variants and discounts
    assert 'name="variants-__prefix__-sku"' in empty[1] and 'name="variants-__prefix__-DELETE"' in empty[1]
    assert 'name="discounts-__prefix__-min_quantity"' in empty[2]
    assert 'name="variants-0-sku"' in html  # the saved/extra rows render the same fields
