"""An import of the project inside a function hides a dependency from the layer check: allowed where
Django wants it (``apps.py``: models load after app configs), in tests and migrations, and
elsewhere only with its reason on the line ("# here: …")."""

from __future__ import annotations

import re
from pathlib import Path

import coopdec

INLINE = re.compile(r"^\s+(from (coopdec|\.)\S* import |import coopdec)")


def test_every_inline_import_says_why():
    root = Path(coopdec.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if path.name not in ("apps.py", "conftest.py")
        and not {"tests", "migrations"} & set(path.parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.match(line) and "# here:" not in line
    ]
    assert found == [], "\n".join(found)
