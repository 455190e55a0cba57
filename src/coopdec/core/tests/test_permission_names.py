"""Permission names are constants, defined next to their rule (``<app>/rules.py``): a typo
in a literal would silently deny (or, worse, be a rule nobody defined)."""

from __future__ import annotations

import re
from pathlib import Path

import rules

import coopdec

LITERAL = re.compile(r"""(has_perm|permission|check)\(\s*(request,\s*)?["'][a-z]+\.[a-z_]+["']""")


def test_no_permission_is_named_by_a_literal_outside_its_rules():
    root = Path(coopdec.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path.name != "rules.py" and "tests" not in path.parts and path.name != "conftest.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL.search(line)
    ]
    assert found == []


def test_every_constant_names_a_defined_rule():
    names = set()
    for path in Path(coopdec.__file__).parent.glob("*/rules.py"):
        names |= set(re.findall(r'^[A-Z_]+ = "([a-z]+\.[a-z_]+)"$', path.read_text(), re.M))
    assert len(names) >= 20
    assert [name for name in names if not rules.perm_exists(name)] == []
