"""Sorting names as people read them: "Bénin" before "Burkina Faso", "Égypte" among the
E's, whatever the case — in the database, the same on SQLite and PostgreSQL.

PostgreSQL gets the collation ``coopdec_names`` from ICU's root collation (migration
``core/0002``); SQLite gets a collation of that name on every connection, comparing names
without accents or case first, then as written.
"""

from __future__ import annotations

from django.db.models.functions import Collate

from .text import strip_accents

NAME = "coopdec_names"


def sort_key(text: str | None) -> tuple[str, str]:
    return (strip_accents(text or "").casefold(), text or "")


def _compare(first: str | None, second: str | None) -> int:
    a, b = sort_key(first), sort_key(second)
    return (a > b) - (a < b)


def install(sender, connection, **kwargs) -> None:
    """``connection_created``: give SQLite connections the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NAME, _compare)


def by_name(field: str) -> Collate:
    """``order_by(by_name("name_fr"))``: sorted as people read names."""
    return Collate(field, NAME)
