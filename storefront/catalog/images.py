"""Image uploads: validated with Pillow, then WebP thumbnails written once and stored.

Pages never resize anything: they read the stored thumbnails (`ProductImage.thumbnails`,
`ThemeAsset.thumbnails`) and offer them in a `srcset`.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from asoud.core.templatetags.asoud import local_digits

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
THUMBNAIL_WIDTHS = (320, 640, 1024)
WEBP_QUALITY = 80
WEBP_METHOD = 2


def image_validate(upload) -> str:
    """Refuse anything that is not a real, reasonably sized image; return the format's extension."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too big (%(size)s). Upload an image of at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_big",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            # Only the header has been read: check the pixel count before decoding anything.
            if image.width * image.height > MAX_PIXELS:
                raise _too_many_pixels()
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError as error:  # Pillow's own, much higher, limit
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("This file is not an image we can read."), code="not_an_image") from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Images must be JPEG, PNG, WebP or GIF."), code="format")
    return ALLOWED_FORMATS[image_format]


def _too_many_pixels() -> ValidationError:
    side = int(MAX_PIXELS**0.5)
    return ValidationError(
        _("The image has too many pixels: at most %(megapixels)s megapixels, for example %(side)s×%(side)s.")
        % {"megapixels": local_digits(MAX_PIXELS // 1_000_000), "side": local_digits(side)},
        code="too_many_pixels",
    )


def thumbnails_generate(upload, *, folder: str, widths: tuple[int, ...] = THUMBNAIL_WIDTHS) -> dict[str, str]:
    """Write WebP copies at each width (never wider than the original); return {width: storage name}."""
    upload.seek(0)
    with Image.open(upload) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    upload.seek(0)
    targets = sorted({w for w in widths if w < image.width} | {min(image.width, max(widths))})
    stem = uuid.uuid4().hex[:12]
    stored = {}
    for width in targets:
        height = max(1, round(image.height * width / image.width))
        resized = (
            image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        )
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        stored[str(width)] = default_storage.save(f"{folder}/{stem}-{width}.webp", ContentFile(buffer.getvalue()))
    return stored


def thumbnails_delete(thumbnails: dict[str, str]) -> None:
    for name in thumbnails.values():
        default_storage.delete(name)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
