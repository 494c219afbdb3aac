"""Refresh locale/fa: extract strings, fill them from locale/fa/translations/*.json, compile.

Each area keeps its Persian strings in its own JSON file ({"English msgid": "Persian", ...}; a
plural is a list of two forms), so people working on different areas never edit the same lines.
Run with `make messages`. Strings left untranslated are listed, and the command fails on them.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale" / "fa" / "LC_MESSAGES" / "django.po"


def load_translations() -> dict:
    merged: dict = {}
    for path in sorted((ROOT / "locale" / "fa" / "translations").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def main() -> int:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "makemessages", "-l", "fa", "--ignore=.venv", "--ignore=.data", "--ignore=bench", "--no-obsolete"],
        check=True,
        cwd=ROOT,
    )
    translations = load_translations()
    po = polib.pofile(str(PO_PATH))
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Language"] = "fa"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    missing = []
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        found = translations.get(entry.msgid)
        if found is None:
            # Never ship msgmerge's fuzzy guess: it may even expect other placeholders.
            entry.msgstr = ""
            entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            forms = found if isinstance(found, list) else [found, found]
            entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
        else:
            entry.msgstr = found
    po.save(str(PO_PATH))
    po.save_as_mofile(str(PO_PATH.with_suffix(".mo")))
    if missing:
        print(f"{len(missing)} strings have no Persian translation yet:", file=sys.stderr)
        for msgid in missing:
            print(f"  {msgid!r}", file=sys.stderr)
        return 1
    print(f"locale/fa: {len(po)} strings, all translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
