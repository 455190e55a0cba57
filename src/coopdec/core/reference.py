"""Loading reference data from the project's fixture files, idempotently.

Each domain app that owns reference data has a ``reference`` module with a ``load()``
function; ``coopdec load_reference`` calls them in ``INSTALLED_APPS`` order. Loading twice
changes nothing: a record is saved only when a value differs.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

from auditlog.context import disable_auditlog
from django.apps import apps
from django.db import models, transaction


class LoadReport(Counter):
    """Counts of created / updated / unchanged records, by model."""

    def record(self, model: type[models.Model], outcome: str) -> None:
        self[f"{model._meta.label}:{outcome}"] += 1

    def changed(self) -> int:
        return sum(count for key, count in self.items() if not key.endswith(":unchanged"))


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


M = TypeVar("M", bound=models.Model)


def upsert(
    model: type[M], report: LoadReport, *, lookup: dict[str, Any], values: dict[str, Any]
) -> M:
    """Create the record found by ``lookup``, or update the fields of ``values`` that differ."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        report.record(model, "created")
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
        report.record(model, "updated")
    else:
        report.record(model, "unchanged")
    return instance


def load_all(**options: Any) -> LoadReport:
    """Load every app's reference data in one transaction, without audit entries;
    ``options`` go to every app's ``load`` (the territories' take ``countries`` and
    ``files`` to load on demand).

    Reference data is the installation's, not a user's change: it is versioned with the code.
    """
    report = LoadReport()
    with transaction.atomic(), disable_auditlog():
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("coopdec.") or app_config.name == __package__:
                continue
            try:
                module = import_module(f"{app_config.name}.reference")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.reference":
                    raise
                continue
            module.load(report, **options)
    return report
