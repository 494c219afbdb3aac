"""The owner's edits to their market's public profile: name, description, type, logo and theme."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.core.page_version import marketplace_version_bump
from asoud.core.uploads import image_clean
from tenants.models import Market
from tenants.selectors import market_host_cache_clear

from .registry import THEMES

_NOT_GIVEN = object()


@transaction.atomic
def market_profile_update(
    *,
    market: Market,
    name=_NOT_GIVEN,
    description=_NOT_GIVEN,
    type=_NOT_GIVEN,
    theme=_NOT_GIVEN,
    logo=_NOT_GIVEN,
) -> Market:
    """Change what is given (a logo upload is validated: a real image, sizes and pixel limits;
    `logo=None` removes it). Raises ValidationError({field: message}) and changes nothing when invalid."""
    fields, errors = {}, {}
    if name is not _NOT_GIVEN:
        name = (name or "").strip()
        if not name:
            errors["name"] = _("Enter your shop's name.")
        elif len(name) > Market._meta.get_field("name").max_length:
            errors["name"] = _("Use at most 120 characters.")
        fields["name"] = name
    if description is not _NOT_GIVEN:
        fields["description"] = (description or "").strip()
    if type is not _NOT_GIVEN:
        if type not in Market.Type.values:
            errors["type"] = _("Choose the kind of business.")
        fields["type"] = type
    if theme is not _NOT_GIVEN:
        if theme not in THEMES:
            errors["theme"] = _("Choose one of the themes.")
        fields["theme"] = theme
    if logo is not _NOT_GIVEN and logo is not None:
        try:
            logo = image_clean(logo).file
        except ValidationError as error:
            errors["logo"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    if logo is not _NOT_GIVEN:
        fields["logo"] = _logo_store(market, logo) if logo is not None else ""
    if fields:
        # A queryset update: Market.save() refuses to run while a market's schema is active.
        Market.objects.filter(pk=market.pk).update(**fields, updated_at=timezone.now())
        for field, value in fields.items():
            setattr(market, field, value)
        transaction.on_commit(lambda: market_host_cache_clear(market))
        marketplace_version_bump()  # its name and logo are in the platform's market directory
    return market


def _logo_store(market: Market, clean_file) -> str:
    """`clean_file` is the re-encoded copy, already under a generated name with its real extension."""
    field = Market._meta.get_field("logo")
    name = f"{market.slug}-{clean_file.name}"
    return field.storage.save(field.generate_filename(market, name), clean_file)
