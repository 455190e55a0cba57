"""Writing partnerships and their events: the one way every entry point does it (forms
through review, imports, the demo data, the tests' helpers and the benchmark).

The invariants live here: a partnership's default name and search words follow its local
governments and organisations, each status is dated in its history, and its last activity
follows its updates, events and projects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model, Q

from coopdec.review.registry import write_fields, write_part
from coopdec.territories.models import Area

from .models import Event, Partnership, StatusChange

MANY = ("partner_governments", "supporting_organisations", "themes")


def _keys(values: Iterable) -> list[int]:
    return [value if isinstance(value, int) else value.pk for value in values]


@transaction.atomic
def write_partnership(partnership: Partnership, values: dict) -> Partnership:
    """Save ``values`` (field name → value; lists for partners, organisations and themes)
    into ``partnership``, new or not. Side effects: default name and search words, a dated
    status change when the status moved, last activity."""
    write_fields(partnership, values)
    refresh(partnership)
    return partnership


def refresh(partnership: Partnership) -> None:
    """Keep what follows from a partnership's values true (after any write)."""
    partnership.refresh_names()
    partnership.record_status()
    partnership.refresh_activity()


def create_partnership(
    *,
    local_government: Model,
    partner_governments: Sequence,
    kind: str,
    published: bool = True,
    **values,
) -> Partnership:
    """One new partnership, saved as the application saves one (see ``write_partnership``)."""
    partnership = Partnership(published=published)
    return write_partnership(
        partnership,
        {
            "local_government": local_government,
            "partner_governments": list(partner_governments),
            "kind": kind,
            **values,
        },
    )


def build_partnership(
    *, local_government: Any, partners: Sequence, organisations: Sequence = (), **fields
) -> Partnership:
    """A partnership not saved yet, with its default name and search words, for
    ``insert_partnerships``."""
    partnership = Partnership(local_government=local_government, **fields)
    partnership.set_names(partners, organisations)
    if "last_activity_on" not in fields:  # its own dates: a new one has no events yet
        partnership.set_activity(partnership.latest_known())
    return partnership


def place_moved(sender, areas, **kwargs) -> None:
    """``areas_moved``: the partnerships of these areas, and of every area in them, get
    their region again."""
    keys = [area.pk for area in areas]
    lies_in = Q(local_government__in=keys)
    for depth in range(1, len(Area.PLACE)):
        lies_in |= Q(**{f"local_government__{'parent__' * depth}in": keys})
    Partnership.objects.filter(lies_in).place()


@transaction.atomic
def insert_partnerships(
    partnerships: list[Partnership], relations: dict[str, Sequence[Iterable]], batch_size=2000
) -> list[Partnership]:
    """New partnerships in bulk (imports, the benchmark), each as ``write_partnership``
    would leave it: built by ``build_partnership``, their first status dated in the history.
    ``relations`` gives, per many-to-many field, one list of records or keys per
    partnership."""
    created = []
    for start in range(0, len(partnerships), batch_size):
        batch = Partnership.objects.bulk_create(partnerships[start : start + batch_size])
        Partnership.objects.filter(pk__in=[partnership.pk for partnership in batch]).place()
        created += batch
    for name, per_partnership in relations.items():
        relation = getattr(Partnership, name)
        target = relation.field.m2m_reverse_field_name()
        rows = [
            relation.through(partnership_id=partnership.pk, **{f"{target}_id": key})
            for partnership, related in zip(created, per_partnership, strict=True)
            for key in _keys(related)
        ]
        relation.through.objects.bulk_create(rows, batch_size=batch_size)
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                partnership=p,
                status=p.status,
                date=p.status_since,
                precision=p.status_since_precision,
            )
            for p in created
        ],
        batch_size=batch_size,
    )
    return created


def write_event(event: Event, values: dict) -> Event:
    """Save an event; the partnership's last activity follows (it is touched as the root
    of every record kept inside it: projects, funding lines, indicators, documents)."""
    write_part(event, values)
    return event
