"""The kinds of record that go through the federation's review, as the domain apps declare
them. This app knows no domain: each domain app registers its models when it is ready,
with

- ``communes``: the communes a record concerns (scopes and groups its proposals);
- ``root``: the record whose page shows it (a partnership for its events and projects);
- ``write``: the domain function that writes values to a record and keeps its invariants
  (names, search words, status history, last activity); by default, the fields are set,
  the record saved and its many-to-many fields set, and its root is touched;
- ``touch``: what a record does when one of its parts was written (a partnership's last
  activity follows its events, projects and documents).

A model that inherits ``Reviewable`` and is not registered is an error (``check``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Field, Model

# Registered functions take the kind's own records: typed Any, not Model, so that each
# app's lambdas may read its own fields.
Writer = Callable[[Any, dict], object]


def write_fields(record: Model, values: dict) -> None:
    """Set ``values`` (field name → value; a related record or its key; a list for a
    many-to-many field) on ``record``, save it, then set its many-to-many fields."""
    many = {}
    for name, value in values.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        elif field.is_relation and not isinstance(value, Model):
            setattr(record, cast(Field, field).attname, value)
        else:
            setattr(record, name, value)
    record.save()
    for name, value in many.items():
        getattr(record, name).set(value)


def write_part(record: Model, values: dict) -> None:
    """``write_fields``, then touch the record's root if it is another record."""
    write_fields(record, values)
    root = kind_of(record).root(record)
    if root is not None and root != record:
        kind_of(root).touch(root)


def _itself(record: Model) -> Model:
    return record


def _nothing(record: Model) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    model: type[Model]
    communes: Callable[[Any], Iterable[int]]
    root: Callable[[Any], Any]
    write: Writer
    touch: Callable[[Any], object]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


_kinds: dict[type[Model], Kind] = {}


def register(
    model: type[Model],
    *,
    communes: Callable[[Any], Iterable[int]],
    root: Callable[[Any], Any] = _itself,
    write: Writer = write_part,
    touch: Callable[[Any], object] = _nothing,
) -> None:
    _kinds[model] = Kind(model, communes, root, write, touch)


def kind_of(record: Model | type[Model]) -> Kind:
    model = record if isinstance(record, type) else type(record)
    try:
        return _kinds[cast(type[Model], model._meta.concrete_model)]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for review") from None


def kinds() -> list[Kind]:
    """Every reviewed kind, in the order of their names."""
    return sorted(_kinds.values(), key=lambda kind: kind.label)
