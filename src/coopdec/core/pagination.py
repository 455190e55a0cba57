from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, queryset: QuerySet, *, per_page: int = 50, rows: QuerySet | None = None
) -> Page:
    """The requested page; a missing, malformed or out-of-range number gives the nearest page.

    The page is cut on the primary keys alone, then only its records are read with all the
    list shows: the database sorts narrow rows, so page 500 of a long list costs about what
    page 1 does. ``rows`` says how to read them (``select_related``, ``prefetch_related``)
    without the list's filters, which a database may otherwise evaluate again; by default
    the list's own queryset.
    """
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(
        request.GET.get("page")
    )
    keys = list(page.object_list)
    rows = queryset if rows is None else rows
    records = {record.pk: record for record in rows.order_by().filter(pk__in=keys)}
    page.object_list = [records[key] for key in keys]
    return page


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
