"""Reading the audit trail kept by django-auditlog."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import Model, QuerySet


def history_of(instance: Model) -> QuerySet[LogEntry]:
    """Every recorded change to ``instance``, newest first, with its author."""
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")
