"""docs/screenshots/: each kind of user's main page in Persian and English, phone and desktop.

Runs the clean-console browser journey (asoud/core/tests/test_browser_clean_console.py, which saves
full-page screenshots under .data/screenshots/), then copies the main page of each kind of user into
docs/screenshots/, scaled down to keep the repository small.

    ASOUD_TEST_ID=shots DJANGO_SETTINGS_MODULE=asoud.settings.test .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py --no-run     # only copy what the last run saved
"""

import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".data" / "screenshots"
TARGET = ROOT / "docs" / "screenshots"
MAIN_PAGES = {"shopper": "home", "owner": "dashboard", "marketer": "marketer", "staff": "admin-tenants-market"}
WIDTH = {"phone": 390, "desktop": 960}
MAX_HEIGHT = 1800


def main() -> int:
    if "--no-run" not in sys.argv:
        test = "asoud/core/tests/test_browser_clean_console.py"
        command = [sys.executable, "-m", "pytest", "-p", "no:xdist", test, "--reuse-db", "-q"]
        if subprocess.run(command, cwd=ROOT).returncode:
            return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    made = 0
    for who, page in MAIN_PAGES.items():
        for language in ("fa", "en"):
            for size, width in WIDTH.items():
                source = SOURCE / f"clean-{who}-{page}-{language}-{size}.png"
                if not source.exists():
                    print(f"missing {source.name}", file=sys.stderr)
                    continue
                image = Image.open(source)
                scale = width / image.width
                image = image.resize((width, round(image.height * scale)), Image.LANCZOS)
                image = image.crop((0, 0, width, min(image.height, MAX_HEIGHT))).convert("P", palette=Image.ADAPTIVE)
                image.save(TARGET / f"{who}-{language}-{size}.png", optimize=True)
                made += 1
    print(f"{made} screenshots in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
