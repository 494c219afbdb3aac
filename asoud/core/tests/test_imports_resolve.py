"""No import of ours points at a module or name that is not there (moved modules included, and
imports inside functions, which only fail when that function first runs)."""

import os
import subprocess
import sys

from django.conf import settings


def test_every_import_of_ours_resolves():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "asoud.settings.test"}
    done = subprocess.run(
        [sys.executable, "scripts/check_imports.py"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
