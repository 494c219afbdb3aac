"""Public media (re-encoded product, theme, category images, logos, avatars) served by Django where
no nginx or bucket does (`make run`, the tests' live server): images only, never sniffed."""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

from .private_files import SANDBOX
from .uploads import CONTENT_TYPES

IMAGE_TYPES = {f".{extension}": kind for extension, kind in CONTENT_TYPES.items() if kind.startswith("image/")}
IMAGE_TYPES[".jpeg"] = "image/jpeg"


def media_serve(request, path: str):
    content_type = IMAGE_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:  # files of any other kind in MEDIA_ROOT are never served
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    return response


def media_urlpatterns() -> list:
    if not settings.ASOUD_SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", media_serve, name="media")]
