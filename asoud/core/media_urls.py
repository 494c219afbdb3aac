"""Uploaded files served by Django itself: development only (DEBUG or ASOUD_DEV_TOOLS)."""

import re

from django.conf import settings
from django.urls import re_path
from django.views.static import serve


def media_patterns() -> list:
    """Like django.conf.urls.static.static(), which serves nothing once DEBUG is off (`make run`)."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
