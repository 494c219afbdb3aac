"""Uploaded files: public media (re-encoded images) and private files (documents, attachments).

Private files live outside MEDIA_ROOT, in the "private" storage, which no URL serves: only the
permission-checked views of asoud/core/private_files.py hand them out (README "Security › Files").
"""

from pathlib import Path

import environ

from .base import BASE_DIR, STORAGES

env = environ.Env()

PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default=str(BASE_DIR / ".data" / "private")))
STORAGES = {
    **STORAGES,
    "private": {
        # PRIVATE_ROOT, and no URL: only asoud.core.private_files.private_file_response() serves it.
        "BACKEND": "asoud.core.private_files.PrivateFileSystemStorage",
    },
}
# Behind nginx: answer downloads with X-Accel-Redirect to this `internal` location (deploy/nginx.conf).
ASOUD_PRIVATE_FILES_ACCEL = env.bool("ASOUD_PRIVATE_FILES_ACCEL", default=False)
ASOUD_PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
# On S3-compatible storage: downloads redirect to a signed URL valid this many seconds.
ASOUD_PRIVATE_URL_SECONDS = env.int("ASOUD_PRIVATE_URL_SECONDS", default=60)
# Django serves public media (images only) itself unless nginx or a bucket does (production.py).
ASOUD_SERVE_MEDIA = env.bool("ASOUD_SERVE_MEDIA", default=True)
