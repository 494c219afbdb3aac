"""Writes to the market's look: theme documents (draft → publish), theme images, contact details."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from asoud.core.text import sanitise_html
from asoud.core.uploads import image_clean
from storefront.catalog.cache import catalogue_version_bump
from storefront.catalog.images import thumbnails_generate
from storefront.catalog.storage import market_folder

from ..models import StoreContact, ThemeAsset, ThemeSettings
from ..schema import theme_document_validate

_CONTACT_FIELDS = {f.name for f in StoreContact._meta.get_fields()} - {"id", "updated_at"}


def theme_draft_save(*, document: dict) -> ThemeSettings:
    """Validate and keep a draft; the storefront doesn't change until it is published."""
    cleaned = theme_document_validate(document)
    settings, _created = ThemeSettings.objects.update_or_create(
        id=ThemeSettings.SINGLETON_ID, defaults={"draft": cleaned}
    )
    return settings


@transaction.atomic
def theme_publish() -> ThemeSettings:
    """Show the draft on the storefront (validated again: assets may have been removed since)."""
    settings = ThemeSettings.objects.select_for_update().get(id=ThemeSettings.SINGLETON_ID)
    settings.draft = theme_document_validate(settings.draft)
    settings.published = settings.draft
    settings.published_at = timezone.now()
    settings.save()
    catalogue_version_bump()
    return settings


def theme_document_publish(*, document: dict) -> ThemeSettings:
    theme_draft_save(document=document)
    return theme_publish()


def theme_asset_add(*, upload, alt: str = "") -> ThemeAsset:
    clean = image_clean(upload)
    thumbnails = thumbnails_generate(clean.file, folder=market_folder("themes", "thumbnails"), widths=(480, 960, 1600))
    asset = ThemeAsset(alt=alt.strip()[:200], thumbnails=thumbnails)
    asset.image.save(clean.file.name, clean.file, save=False)
    asset.save()
    return asset


def store_contact_save(**fields) -> StoreContact:
    unknown = set(fields) - _CONTACT_FIELDS
    if unknown:
        raise TypeError(f"store_contact_save() cannot change {', '.join(sorted(unknown))}")
    if "about" in fields:
        fields["about"] = sanitise_html(fields["about"])
    contact = StoreContact.objects.filter(id=StoreContact.SINGLETON_ID).first() or StoreContact()
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    catalogue_version_bump()
    return contact
