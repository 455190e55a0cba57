"""Typed reads of Django's model metadata, for the mechanisms that work on any model."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model


def field_of(model: Model | type[Model], name: str) -> Field:
    """The model's own field ``name`` (a column or a many-to-many), not a reverse relation."""
    found = model._meta.get_field(name)
    if not isinstance(found, Field):
        raise FieldDoesNotExist(f"{name} is a reverse relation, not a field")
    return found


def model_of(content_type: ContentType) -> type[Model]:
    """The model of ``content_type``; LookupError if the code no longer has it."""
    model = content_type.model_class()
    if model is None:
        raise LookupError(f"no model for {content_type.app_label}.{content_type.model}")
    return model
