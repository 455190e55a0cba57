"""The inventory (état des lieux): dashboards, their downloads, and completeness."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coopdec.core import access

from . import stats
from .completeness import completeness
from .exports import FORMATS
from .forms import DashboardFilterForm

SORTS = {
    "score": lambda item: (item.score, item.commune.name),
    "-score": lambda item: (-item.score, item.commune.name),
    "updated": lambda item: (item.last_update, item.commune.name),
    "-updated": lambda item: (-item.last_update.timestamp(), item.commune.name),
}


@access.permission("inventory.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    filters = form.filters()
    tables = [build(filters) for build in stats.TABLES.values()]
    query = request.GET.urlencode()
    return render(
        request, "inventory/dashboard.html", {"form": form, "tables": tables, "query": query}
    )


@access.permission("inventory.view_dashboard")
def export(request: HttpRequest, key: str, extension: str) -> HttpResponse:
    if key not in stats.TABLES or extension not in FORMATS:
        raise Http404
    table = stats.TABLES[key](DashboardFilterForm(request.GET).filters())
    return FORMATS[extension](table)


@access.permission("inventory.view_completeness")
def completeness_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "score")
    items = sorted(completeness(), key=SORTS.get(sort, SORTS["score"]))
    return render(
        request,
        "inventory/completeness.html",
        {"items": items, "sort": sort if sort in SORTS else "score"},
    )
