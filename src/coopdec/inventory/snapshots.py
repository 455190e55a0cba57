"""The dashboard's figures as a snapshot (``core.snapshots``): what the page shows for a
choice of filters, rendered by the page or by the worker alike."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from coopdec.volunteers import figures as volunteers

from . import charts, headline, stats
from .forms import DashboardFilterForm

DASHBOARD = "inventory-dashboard"


def dashboard_context(query: QueryDict) -> dict[str, Any]:
    filters = DashboardFilterForm(query).filters()
    return {
        "tables": stats.dashboard(filters),
        "figures": headline.headline(filters),
        # The volunteering figures of the missions leaving in the years chosen.
        "volunteering_url": reverse("volunteers:cohort")
        + "?"
        + urlencode({"year_from": filters.signed_from or "", "year_to": filters.signed_to or ""}),
        "volunteering": volunteers.programme_figures(
            volunteers.Filters(year_from=filters.signed_from, year_to=filters.signed_to)
        ),
        "choropleth": charts.active_by_region(filters),
        "query": query.urlencode(),
        "params": query,
    }
