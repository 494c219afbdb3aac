"""What may be attached to a chat or support message: a real image (JPEG, PNG, WebP, GIF; 5 MB) or
a PDF (8 MB), recognised by content, never by the file name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import MAX_DOCUMENT_BYTES, validate_image_upload

PDF = "pdf"
IMAGE = "image"


def attachment_validate(upload) -> str:
    """The kind of the upload ("image" or "pdf"), or ValidationError with a reason people understand."""
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
        return PDF
    try:
        validate_image_upload(upload)
    except ValidationError as error:
        if error.code == "not_image":
            raise ValidationError(_("Attach an image (JPEG, PNG, WebP or GIF) or a PDF."), code="file_type") from error
        raise
    return IMAGE
