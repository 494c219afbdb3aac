"""Image uploads (validated and re-encoded by asoud.core.uploads): WebP thumbnails written once.

Pages never resize anything: they read the stored thumbnails (`ProductImage.thumbnails`,
`ThemeAsset.thumbnails`) and offer them in a `srcset`.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

THUMBNAIL_WIDTHS = (320, 640, 1024)
WEBP_QUALITY = 80
WEBP_METHOD = 2


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
