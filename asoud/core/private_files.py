"""Private files (identity and verification documents, chat and ticket attachments): stored in the
"private" storage, outside MEDIA_ROOT, and handed out only by views that first check who may see
them, through `private_file_response()`.

The answer never lets the browser run the file on our origin: the Content-Type comes from the type
found at upload (an image re-encoded by asoud.core.uploads), never from a file name; anything else
is a download; `nosniff` and `Content-Security-Policy: sandbox` always. The bytes go out
- from Django itself (development, tests),
- from nginx, told by `X-Accel-Redirect` to read an `internal` location (ASOUD_PRIVATE_FILES_ACCEL),
- or from S3-compatible storage, by a redirect to a signed URL valid ASOUD_PRIVATE_URL_SECONDS.
Every download is logged to the "asoud.audit" logger (event "private_file.download").
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from .uploads import CONTENT_TYPES, IMAGE, PDF

audit_logger = logging.getLogger("asoud.audit")

SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
OCTET_STREAM = "application/octet-stream"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_ROOT (read when used, so tests may point it elsewhere), with no URL."""

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_ROOT)

    def url(self, name):
        raise ValueError("Private files have no URL: serve them with private_file_response().")


def private_storage():
    """The storage of every private FileField (a callable: settings may change in tests)."""
    return storages["private"]


def served_type(*, name: str, kind: str) -> tuple[str, bool]:
    """(Content-Type, inline?) for a stored file: inline only for images re-encoded at upload.

    PDFs are downloads: Chromium's viewer refuses to run under `sandbox`, and a download is safe.
    Files stored before uploads were cleaned may carry any extension: they are downloads too.
    """
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if kind == IMAGE and extension in CONTENT_TYPES and extension != "pdf":
        return CONTENT_TYPES[extension], True
    if kind == PDF and extension == "pdf":
        return CONTENT_TYPES["pdf"], False
    return OCTET_STREAM, False


def stored_kind(name: str) -> str:
    """IMAGE or PDF for documents whose rows keep no kind: files are stored under the extension of
    their real format (asoud.core.uploads), so the name tells it; older names get served as downloads."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension == "pdf":
        return PDF
    return IMAGE if extension in CONTENT_TYPES else ""


def download_name(display_name: str, *, name: str, content_type: str) -> str:
    """The name offered to save as: the uploader's stem with the stored (real) extension."""
    stem = PurePosixPath((display_name or "").replace("\\", "/")).stem or "file"
    extension = PurePosixPath(name).suffix.lower() if content_type != OCTET_STREAM else ".bin"
    return f"{stem}{extension}"


def private_file_response(
    request, *, file: FieldFile, kind: str, display_name: str = "", what: str = ""
) -> HttpResponse:
    """Serve `file` to a person the calling view has already allowed to see it."""
    if not file:
        raise Http404
    content_type, inline = served_type(name=file.name, kind=kind)
    filename = download_name(display_name, name=file.name, content_type=content_type)
    disposition = content_disposition_header(not inline, filename)
    _audit(request, file=file, what=what)
    storage = file.storage
    if not isinstance(storage, FileSystemStorage):
        # S3-compatible: the bucket answers a short-lived signed URL with these headers.
        url = storage.url(
            file.name,
            parameters={"ResponseContentType": content_type, "ResponseContentDisposition": disposition},
            expire=settings.ASOUD_PRIVATE_URL_SECONDS,
        )
        return _protect(HttpResponseRedirect(url))
    if not storage.exists(file.name):
        raise Http404
    if settings.ASOUD_PRIVATE_FILES_ACCEL:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.ASOUD_PRIVATE_FILES_ACCEL_PREFIX + quote(file.name)
    else:
        response = FileResponse(storage.open(file.name, "rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    return _protect(response)


def _protect(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _audit(request, *, file: FieldFile, what: str) -> None:
    user = getattr(request, "user", None)
    tenant = getattr(request, "tenant", None)
    audit_logger.info(
        "private file downloaded",
        extra={
            "event": "private_file.download",
            "user_id": getattr(user, "pk", None),
            "file": file.name,
            "what": what,
            "market_schema": getattr(tenant, "schema_name", ""),
            "path": request.path,
        },
    )


def document_file_response(request, *, document, what: str) -> HttpResponse:
    """An uploaded document (identity or market verification: a row with a `file` and a `kind`
    choice), served under its kind's name to a person the calling view has already allowed."""
    return private_file_response(
        request,
        file=document.file,
        kind=stored_kind(document.file.name),
        display_name=document.get_kind_display(),
        what=what,
    )
