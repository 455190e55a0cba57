"""Partnerships are written in one place: ``partnerships/services.py``. Anywhere else, a
partnership created or bulk-inserted by hand would skip its invariants (default name,
search words, status history, last activity)."""

import re
from pathlib import Path

import coopdec

SOURCE = Path(coopdec.__file__).parent
WRITES = re.compile(
    r"Partnership\.objects\.(create|bulk_create|get_or_create|update_or_create)\(|(?<!class )\bPartnership\("
)


def test_partnerships_are_created_only_by_the_domain_functions():
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and path.name != "services.py" and path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line)
    ]
    assert found == []


def test_the_check_sees_a_write_by_hand():
    assert WRITES.search("    Partnership.objects.create(local_government=commune)")
    assert WRITES.search("rows = [Partnership(name=name) for name in names]")
    assert not WRITES.search("services.create_partnership(local_government=commune)")
