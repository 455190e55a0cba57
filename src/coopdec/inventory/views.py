"""The inventory (état des lieux): dashboards, their downloads, and completeness."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access
from coopdec.core.exports import FORMATS
from coopdec.partnerships.models import Partnership

from . import charts, headline, stats
from .completeness import completeness
from .forms import DashboardFilterForm
from .rules import VIEW_COMPLETENESS, VIEW_DASHBOARD

# Every table of the dashboard that downloads, the key figures first.
TABLES = {"headline": headline.headline_table, **stats.TABLES}

SORTS = {
    "score": lambda item: (item.score, item.commune.name),
    "-score": lambda item: (-item.score, item.commune.name),
    "updated": lambda item: (item.last_update, item.commune.name),
    "-updated": lambda item: (-item.last_update.timestamp(), item.commune.name),
}


@access.permission(VIEW_DASHBOARD)
def dashboard(request: SignedInRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    filters = form.filters()
    context = {
        "form": form,
        # Computed only when the rendered tables are not in the cache under this key.
        "tables": SimpleLazyObject(lambda: stats.dashboard(filters)),
        "figures": SimpleLazyObject(lambda: headline.headline(filters)),
        "choropleth": SimpleLazyObject(lambda: charts.active_by_region(filters)),
        "figures_key": stats.figures_key(filters),
        "cache_seconds": stats.CACHE_SECONDS,
        "query": request.GET.urlencode(),
    }
    return render(request, "inventory/dashboard.html", context)


@access.permission(VIEW_DASHBOARD)
def export(request: SignedInRequest, key: str, extension: str) -> HttpResponse:
    if key not in TABLES or extension not in FORMATS:
        raise Http404
    table = TABLES[key](DashboardFilterForm(request.GET).filters())
    return FORMATS[extension](table)


@access.permission(VIEW_COMPLETENESS)
def completeness_list(request: SignedInRequest) -> HttpResponse:
    sort = request.GET.get("sort", "score")
    items = sorted(completeness(), key=SORTS.get(sort, SORTS["score"]))
    return render(
        request,
        "inventory/completeness.html",
        {
            "items": items,
            "sort": sort if sort in SORTS else "score",
            "to_confirm": Partnership.objects.communes_to_confirm().select_related(
                "local_government"
            ),
        },
    )
