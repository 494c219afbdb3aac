"""Every `import` / `from … import` of the project's own modules resolves: the module exists and has
the names asked for. Catches imports left pointing at moved modules, including those inside
functions, which nothing else loads until that function runs.

    DJANGO_SETTINGS_MODULE=asoud.settings.test .venv/bin/python scripts/check_imports.py
"""

import ast
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("asoud", "storefront", "dashboard", "tenants")
FOLDERS = (*OURS, "bench", "scripts")


def imported(path: Path):
    """(line, module, names) for each import of ours in `path`."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] in OURS:
                yield node.lineno, module, [alias.name for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in OURS:
                    yield node.lineno, alias.name, []


def problems() -> list[str]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, module, names in imported(path):
                where = f"{path.relative_to(ROOT)}:{line}"
                try:
                    loaded = importlib.import_module(module)
                except Exception as error:  # any failure to import is the finding
                    found.append(f"{where} {module}: {type(error).__name__}: {error}")
                    continue
                for name in names:
                    if hasattr(loaded, name):
                        continue
                    try:
                        importlib.import_module(f"{module}.{name}")
                    except ImportError:
                        found.append(f"{where} {module} has no {name}")
    return found


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.test")
    import django

    django.setup()
    found = problems()
    print("\n".join(found) or "every import of ours resolves")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
