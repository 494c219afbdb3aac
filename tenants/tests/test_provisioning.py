import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_exists, tenant_context

from tenants.models import Domain, Market
from tenants.services import market_create, market_delete
from tenants.validators import validate_market_slug


@pytest.mark.parametrize("slug", ["abc", "my-shop", "shop123", "a1-b2-c3", "x" * 30])
def test_valid_slugs_pass(slug):
    validate_market_slug(slug)


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("ab", "3 to 30"),
        ("x" * 31, "3 to 30"),
        ("My-Shop", "lowercase"),
        ("-shop", "lowercase"),
        ("shop-", "lowercase"),
        ("my--shop", "lowercase"),
        ("my_shop", "lowercase"),
        ("فروشگاه", "lowercase"),
        ("www", "reserved"),
        ("admin", "reserved"),
        ("api", "reserved"),
        ("static", "reserved"),
        ("media", "reserved"),
        ("dev", "reserved"),
        ("public", "reserved"),
    ],
)
def test_invalid_slugs_are_refused_with_a_clear_message(slug, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_market_slug(slug)
    with translation.override("en"):
        assert message in " ".join(error.value.messages)


def test_slug_messages_are_translated():
    with translation.override("fa"), pytest.raises(ValidationError) as error:
        validate_market_slug("www")
    with translation.override("fa"):
        assert "رزرو" in error.value.messages[0]


@pytest.mark.django_db
def test_market_create_clones_the_template_and_adds_the_primary_domain():
    started = time.perf_counter()
    market = market_create(name="Gamma", slug="gamma-shop")
    elapsed = time.perf_counter() - started

    assert schema_exists("gamma_shop")
    assert Domain.objects.get(tenant=market, is_primary=True).domain == "gamma-shop.localhost"
    with tenant_context(market):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert cursor.fetchone()[0] > 0  # cloned migration state, nothing pending
        from storefront.catalog.models import Product

        assert Product.objects.count() == 0
    assert elapsed < 1.0, f"market_create took {elapsed:.3f}s"


@pytest.mark.django_db
def test_taken_address_is_refused(market_alpha):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        market_create(name="Another alpha", slug="alpha")
    assert "already taken" in error.value.messages[0]


@pytest.mark.django_db
def test_market_delete_drops_its_schema():
    market = market_create(name="Short lived", slug="short-lived")
    market_delete(market=market)
    assert not schema_exists("short_lived")
    assert not Market.objects.filter(slug="short-lived").exists()


@pytest.mark.django_db
def test_a_new_market_is_an_exact_copy_of_the_template():
    from django.conf import settings

    from tenants.clone import schema_describe

    market_create(name="Copy", slug="exact-copy")
    with connection.cursor() as cursor:
        template = schema_describe(cursor, settings.TENANT_BASE_SCHEMA)
        copy = schema_describe(cursor, "exact_copy")
    assert copy == template
    assert template["columns"] and template["constraints"] and template["indexes"]


@pytest.mark.django_db
def test_named_constraints_keep_their_names_so_later_migrations_can_drop_them(market_alpha):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conname = 'catalog_relation_unique'"
            " AND connamespace = 'alpha'::regnamespace"
        )
        assert cursor.fetchone()[0] == 1
