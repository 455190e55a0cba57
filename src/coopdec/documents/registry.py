"""The kinds of record documents may belong to, as the domain apps declare them. This app
knows no domain: an owner's own queryset says who may see and change it (``editable_by``,
``visible_to``, ``public``, as every reviewable record's does), and the review registry says
which communes it concerns and on which page it shows."""

from __future__ import annotations

from django.db.models import Model

_owners: dict[str, type[Model]] = {}


def register(model: type[Model]) -> None:
    """Let documents be attached to ``model``'s records (``documents:document_create``
    takes its model name)."""
    queryset = model._default_manager.all()
    for method in ("editable_by", "visible_to", "public"):
        if not hasattr(queryset, method):
            raise TypeError(f"{model.__name__}'s queryset has no {method}()")
    _owners[model._meta.model_name or model.__name__.lower()] = model


def owner_model(name: str) -> type[Model] | None:
    return _owners.get(name)


def owners() -> list[type[Model]]:
    return list(_owners.values())
