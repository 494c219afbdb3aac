"""Every uploaded file goes through here: its real type is found from the content (never the name),
size and pixel limits are checked, and what is kept is a clean copy under a generated name.

- Images (JPEG, PNG, WebP, GIF) are decoded and re-encoded by Pillow: anything after the image data
  (an HTML page glued to a PNG, say), metadata and EXIF are dropped, the EXIF orientation applied,
  and the copy is named `<uuid>.<extension of the real format>`.
- PDFs must look like PDFs (`%PDF-` header, `%%EOF` trailer), carry no script, HTML or automatic
  actions (also inside compressed streams), and are kept under a generated `.pdf` name, cut after
  their last `%%EOF`.

`*_clean()` return the copy to store (a ContentFile); `validate_*` are the same checks as form
field validators. Both raise ValidationError with a message people understand.
"""

from __future__ import annotations

import io
import re
import uuid
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from asoud.core.formatting import digits as local_digits

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
}
IMAGE = "image"
PDF = "pdf"
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000  # e.g. 5000 × 5000
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
JPEG_QUALITY = 90

# What a PDF must not contain: markup a browser would run, and actions a reader runs by itself.
_PDF_MARKUP = re.compile(rb"<(script|html|iframe)\b|<!doctype html", re.IGNORECASE)
_PDF_ACTIONS = re.compile(
    rb"/(JS|JavaScript|OpenAction|AA|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData|GoToE)"
    rb"(?![A-Za-z0-9])"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_PDF_MAX_INFLATED = 32 * 1024 * 1024


@dataclass(frozen=True)
class CleanUpload:
    """What to store: the clean copy (`file.name` is generated), its kind and its real type."""

    file: ContentFile
    kind: str  # IMAGE or PDF
    extension: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


# --- Images --------------------------------------------------------------------------------------


def image_validate(upload, *, max_bytes: int | None = None, max_pixels: int | None = None) -> str:
    """Refuse anything that is not a real, reasonably sized image; return the format's extension."""
    _size_check(upload, max_bytes or MAX_IMAGE_BYTES)
    max_pixels = max_pixels or MAX_IMAGE_PIXELS
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            # Only the header has been read: check the pixel count before decoding anything.
            if image.width * image.height > max_pixels:
                raise _too_many_pixels(max_pixels)
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError as error:  # Pillow's own, much higher, limit
        raise _too_many_pixels(max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("This file is not an image we can read."), code="not_an_image") from error
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(_("Images must be JPEG, PNG, WebP or GIF."), code="format")
    return IMAGE_FORMATS[image_format]


def image_clean(upload, *, max_bytes: int | None = None, max_pixels: int | None = None) -> CleanUpload:
    """Validate, then re-encode: the copy holds only pixels, under `<uuid>.<real extension>`."""
    extension = image_validate(upload, max_bytes=max_bytes, max_pixels=max_pixels)
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            data = _reencode(opened, opened.format)
    except (OSError, SyntaxError, ValueError) as error:  # a truncated or corrupt body, found on decoding
        raise ValidationError(_("This file is not an image we can read."), code="not_an_image") from error
    finally:
        upload.seek(0)
    return CleanUpload(file=ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}"), kind=IMAGE, extension=extension)


def _reencode(opened: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    icc_profile = opened.info.get("icc_profile")  # colours, not code: kept so photos look the same
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if getattr(opened, "n_frames", 1) > 1 and image_format in ("GIF", "WEBP"):
        frames = [frame.copy() for frame in ImageSequence.Iterator(opened)]
        frames[0].save(
            buffer,
            image_format,
            save_all=True,
            append_images=frames[1:],
            loop=opened.info.get("loop", 0),
            duration=opened.info.get("duration", 100),
        )
        return buffer.getvalue()
    image = ImageOps.exif_transpose(opened)
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, **extra)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=JPEG_QUALITY, **extra)
    elif image_format == "GIF":
        image.save(buffer, "GIF")
    else:
        image.save(buffer, "PNG", **extra)
    return buffer.getvalue()


def validate_image_upload(upload) -> None:
    """Form field validator: a real JPEG/PNG/WebP/GIF image within the limits."""
    image_validate(upload)


def _too_many_pixels(max_pixels: int) -> ValidationError:
    side = int(max_pixels**0.5)
    return ValidationError(
        _("The image has too many pixels: at most %(megapixels)s megapixels, for example %(side)s×%(side)s.")
        % {"megapixels": local_digits(max_pixels // 1_000_000), "side": local_digits(side)},
        code="too_many_pixels",
    )


def _size_check(upload, max_bytes: int) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


# --- PDFs ----------------------------------------------------------------------------------------


def is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"


def pdf_clean(upload, *, max_bytes: int | None = None) -> CleanUpload:
    """A real PDF without scripts, markup or automatic actions, cut after its last `%%EOF`."""
    _size_check(upload, max_bytes or MAX_DOCUMENT_BYTES)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    end = data.rfind(b"%%EOF")
    if not data.startswith(b"%PDF-") or end < 0:
        raise ValidationError(_("This file is not a PDF we can read."), code="not_a_pdf")
    data = data[: end + len(b"%%EOF")] + b"\n"
    active = _PDF_MARKUP.search(data) or any(
        _PDF_ACTIONS.search(_PDF_NAME_ESCAPE.sub(_unescape, part)) for part in _pdf_parts(data)
    )
    if active:
        raise ValidationError(
            _("This PDF contains scripts or automatic actions; save it again as a plain PDF."), code="pdf_active"
        )
    return CleanUpload(file=ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), kind=PDF, extension="pdf")


def _pdf_parts(data: bytes):
    """The file without its stream bodies (random image bytes would match anything), then every
    object stream inflated (dictionaries, actions included, can hide in them)."""
    budget = _PDF_MAX_INFLATED
    skeleton = []
    position = 0
    for match in _PDF_STREAM.finditer(data):
        skeleton.append(data[position : match.start(1)])
        position = match.end(1)
        dictionary = data[max(0, match.start() - 1000) : match.start()]
        if b"/ObjStm" not in dictionary[dictionary.rfind(b" obj") :]:
            continue
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        if budget <= 0:
            raise ValidationError(_("This file is not a PDF we can read."), code="not_a_pdf")
        yield inflated
    skeleton.append(data[position:])
    yield b"".join(skeleton)


def _unescape(match: re.Match) -> bytes:
    return bytes([int(match.group(1), 16)])


# --- Documents and attachments: an image or a PDF -----------------------------------------------


def document_clean(upload, *, max_bytes: int | None = None) -> CleanUpload:
    """Identity and verification documents, chat and ticket attachments: an image or a PDF."""
    if is_pdf(upload):
        return pdf_clean(upload, max_bytes=max_bytes)
    try:
        return image_clean(upload, max_bytes=max_bytes or MAX_DOCUMENT_BYTES)
    except ValidationError as error:
        if error.code in ("not_an_image", "format"):
            raise ValidationError(_("Attach an image (JPEG, PNG, WebP or GIF) or a PDF."), code="file_type") from error
        raise


def validate_document_upload(upload) -> None:
    """Form field validator for documents and attachments (the clean copy is made by the service)."""
    document_clean(upload)


def display_name(original: str, extension: str) -> str:
    """The name people see (and download as): the uploader's, with the real format's extension."""
    stem = PurePosixPath((original or "").replace("\\", "/")).stem.strip() or "file"
    return f"{stem[:100]}.{extension}"
