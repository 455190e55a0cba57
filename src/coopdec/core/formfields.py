"""Django's multiple-choice of records checks each key with ``filter(pk=key)`` — safe
for any integer since Django 5.0 — then reads them all with ``pk__in``, which SQLite
cannot take past 64 bits: a forged "99999999999999999999" in any such field (ours, the
admin's) was a 500. Keys out of range are refused here as an invalid choice first."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

LIMIT = 2**63


def _refuse_out_of_range(field: Any, values) -> None:
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if not isinstance(key, models.IntegerField | models.AutoField):
        return
    for value in values if isinstance(values, list | tuple | set | frozenset) else ():
        try:
            number = int(str(value))
        except ValueError:
            continue  # Django's own check says it is not a key
        if not -LIMIT <= number < LIMIT:
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


def install() -> None:
    """Called once when the core app is ready."""
    chooser: Any = forms.ModelMultipleChoiceField
    original = chooser._check_values
    if getattr(original, "refuses_out_of_range", False):
        return

    def _check_values(self, value):
        _refuse_out_of_range(self, value)
        return original(self, value)

    _check_values.refuses_out_of_range = True  # type: ignore[attr-defined]
    chooser._check_values = _check_values
