"""Direction in templates: every back/next arrow is mirrored in right-to-left pages (issue 15, item 13)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
TRANSLATED = re.compile(r"{% translate \".*?\" %}")
MIRRORED = re.compile(r'<span class="flip-rtl" aria-hidden="true">[←→]</span>')


def test_arrows_are_mirrored_in_rtl():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rest = TRANSLATED.sub("", MIRRORED.sub("", line))  # an arrow inside a sentence is text
            if re.search(r"[←→]", rest):
                bare.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert bare == [], 'wrap arrows in <span class="flip-rtl" aria-hidden="true">…</span>'
