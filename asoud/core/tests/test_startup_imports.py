"""A new web process is quick to serve: loading the application and every URLconf does not import
the heavy learning libraries (scikit-learn, SciPy), which are imported where a model is fitted."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import sys, django
django.setup()
from django.conf import settings
from django.urls import get_resolver
for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", settings.ROOT_URLCONF)}:
    get_resolver(urlconf).url_patterns
print(" ".join(sorted(name for name in ("sklearn", "scipy") if name in sys.modules)) or "none")
"""


def test_loading_every_url_does_not_import_the_learning_libraries():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "asoud.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "none"
