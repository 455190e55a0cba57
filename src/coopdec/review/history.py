"""A record's history page: its changes and those of its parts, readable, with the
proposals made on it and the federation's decisions."""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopdec.core import access
from coopdec.core.audit import readable_history

from .models import Revision
from .rules import VIEW_HISTORY


def history_page(request: HttpRequest, record: Model) -> HttpResponse:
    """403 unless the user may read ``record``'s history (the federation; a focal point for
    the records of its communes)."""
    access.check(request, VIEW_HISTORY, record)
    revisions = (
        Revision.objects.within(record)
        .select_related("content_type", "author", "reviewer")
        .order_by("-created_at")
    )
    context = {
        "object": record,
        "entries": readable_history({type(record): [record.pk]}, root=record),
        "revisions": revisions,
    }
    return render(request, "core/history.html", context)
