"""The kinds of record that may be commented and followed, as the domain apps declare them:
a record's own queryset says who may see it (``visible_to``), and so who reads its
comments, may comment and follow it."""

from __future__ import annotations

from django.db.models import Model

_kinds: dict[str, type[Model]] = {}


def register(model: type[Model]) -> None:
    if not hasattr(model._default_manager.all(), "visible_to"):
        raise TypeError(f"{model.__name__}'s queryset has no visible_to()")
    _kinds[model._meta.label_lower] = model


def model_of(label: str) -> type[Model] | None:
    return _kinds.get(label)


def label_of(record: Model) -> str | None:
    label = record._meta.label_lower
    return label if label in _kinds else None
