"""The volunteering figures page as a snapshot (``core.snapshots``): the figures and tables
for a choice of programme, scheme and years, rendered by the page or by the worker alike."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from . import figures
from .forms import MissionFilterForm
from .tables import page_tables

COHORT = "volunteers-cohort"


def cohort_context(query: QueryDict) -> dict[str, Any]:
    chosen = MissionFilterForm(query).filters()
    return {
        "figures": figures.programme_figures(chosen),
        "tables": page_tables(chosen),
        "params": query,
    }
