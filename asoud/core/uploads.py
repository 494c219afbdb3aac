"""Validation of uploaded files: the real type from the content, size limits and pixel bombs."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000  # e.g. 5000 × 5000
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024


def validate_image_upload(upload, *, max_bytes: int = MAX_IMAGE_BYTES, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Accept only real JPEG/PNG/WebP/GIF images within the size and pixel limits."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            # Dimensions come from the header: check them before decoding any pixel data.
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("The image is too large (%(width)s × %(height)s pixels)."),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="image_type")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not a valid image."), code="not_image") from error
    finally:
        upload.seek(position)


def validate_document_upload(upload) -> None:
    """Identity documents: an image (as above) or a PDF, at most 8 MB."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if upload.size > MAX_DOCUMENT_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_DOCUMENT_BYTES)},
            )
        return
    validate_image_upload(upload, max_bytes=MAX_DOCUMENT_BYTES)
