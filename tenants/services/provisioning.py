"""Provisioning markets: the public tenant, the template schema, and new markets cloned from it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.clone import CloneSchema
from django_tenants.utils import get_public_schema_name, schema_exists

from ..clone import UnsupportedTemplate, schema_clone_fast
from ..models import Domain, Market
from ..validators import validate_market_slug

TEMPLATE_SLUG = "market-template"


logger = logging.getLogger(__name__)


def market_domain_for(slug: str) -> str:
    return f"{slug}.{settings.ASOUD_BASE_DOMAIN}"


def schema_name_for(slug: str) -> str:
    # Slugs never contain "_", so replacing "-" keeps schema names unique.
    return slug.replace("-", "_")


def public_tenant_ensure() -> Market:
    """The platform itself is the public tenant, served on the base domain."""
    market, _created = Market.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"name": "ASOUD", "slug": "public", "status": Market.Status.ACTIVE},
    )
    Domain.objects.get_or_create(domain=settings.ASOUD_BASE_DOMAIN, defaults={"tenant": market, "is_primary": True})
    return market


def market_template_ensure() -> Market:
    """The template schema that new markets are cloned from, migrated like any market."""
    template = Market.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).first()
    if template is None:
        template = Market(
            schema_name=settings.TENANT_BASE_SCHEMA,
            name="Market template",
            slug=TEMPLATE_SLUG,
            is_template=True,
        )
        template.save()
    if not schema_exists(template.schema_name):
        # The one schema built by running every migration; all others are clones of it.
        template.auto_create_schema = True
        template.create_schema(check_if_exists=True, sync_schema=True, verbosity=0)
    return template


def _clone_function_ensure() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure('public.clone_schema(text, text, public.cloneparms[])')")
        if cursor.fetchone()[0] is None:
            CloneSchema()._create_clone_schema_function()


def market_create(
    *,
    name: str,
    slug: str,
    owner=None,
    type: str = Market.Type.SHOP,
    status: str = Market.Status.DRAFT,
    theme: str = "classic",
    description: str = "",
    is_listed: bool = False,
) -> Market:
    """Create a market: validate the address, clone the template schema, add its primary domain.
    Only `is_listed` markets appear in the directory and the platform search (onboarding and the demo
    set it; scripts, benches and tests do not, so their markets never reach shoppers' lists)."""
    slug = (slug or "").strip().lower()
    validate_market_slug(slug)
    schema_name = schema_name_for(slug)
    if Market.objects.filter(slug=slug).exists() or schema_exists(schema_name):
        raise ValidationError(_("The address “%(slug)s” is already taken.") % {"slug": slug}, code="taken")
    if not name.strip():
        raise ValidationError(_("Enter the market's name."), code="name")

    template = market_template_ensure()
    connection.set_schema_to_public()
    with transaction.atomic():
        market = Market.objects.create(
            schema_name=schema_name,
            name=name.strip(),
            slug=slug,
            owner=owner,
            type=type,
            status=status,
            theme=theme,
            description=description,
            is_listed=is_listed,
        )
        domain = Domain.objects.create(domain=market_domain_for(slug), tenant=market, is_primary=True)
        # A visit before the market existed may have cached "no such host".
        transaction.on_commit(lambda: cache.delete(f"market-for-host:{domain.domain}"))
        # The clone carries the template's django_migrations rows, so no migration runs here.
        _schema_clone(template.schema_name, schema_name)
    return market


def _schema_clone(source: str, dest: str) -> None:
    """Copy the template schema. Our own clone reads the catalog by OID, so it stays fast with thousands
    of schemas and keeps constraint names; django-tenants' clone_schema() is the fallback for templates
    holding objects ours does not copy (views, functions, triggers…)."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                schema_clone_fast(cursor, source, dest)
            return
        except UnsupportedTemplate:
            logger.warning("market template holds objects the fast clone skips; using clone_schema()")
    _clone_function_ensure()
    with connection.cursor() as cursor:
        cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [source, dest])


def market_delete(*, market: Market) -> None:
    """Remove a market and drop its schema (irreversible)."""
    if market.is_public or market.is_template:
        raise ValidationError(_("This market cannot be deleted."))
    connection.set_schema_to_public()
    market.delete(force_drop=True)
