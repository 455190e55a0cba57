from __future__ import annotations

import hashlib
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from . import versions


class CountedPaginator(Paginator):
    """A paginator that counts a list once per version of the data (``core.versions``), in
    the shared cache: the count of a long list (the atlas's 80,000 public partnerships:
    15-35 ms on PostgreSQL) is paid by the first reader after a change, not by every page.

    The key is the count's own SQL and parameters, so two readers share a count only when
    they ask the database the same question (a focal point's scope is in the SQL)."""

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # a list that cannot hold anything (``none()``)
            return 0
        digest = hashlib.sha256(f"{self.object_list.db}\n{sql}\n{params!r}".encode()).hexdigest()
        return versions.remembered(f"count:{digest[:40]}", self.object_list.count)


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
    page = CountedPaginator(queryset.values_list("pk", flat=True), per_page).get_page(
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
