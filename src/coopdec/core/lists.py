"""A filtered list page: one page of records on screen, or all of them as a download."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import exports
from .pagination import paginate, query_without_page


def list_page(
    request: HttpRequest,
    template: str,
    records: QuerySet,
    *,
    form=None,
    rows: QuerySet | None = None,
    export: Callable[[QuerySet], exports.Export] | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """``records`` are the filtered records in the list's order, ``rows`` how to read the
    shown ones (see ``paginate``). With ``?export=csv`` or ``?export=xlsx``, ``export`` turns
    every filtered record, not only this page's, into the downloaded table."""
    rows = records if rows is None else rows
    if export is not None and (wanted := exports.requested(request)):
        listed = rows.filter(pk__in=records.values("pk")).order_by(*records.query.order_by)
        return exports.FORMATS[wanted](export(listed))
    return render(
        request,
        template,
        {
            "form": form,
            "page": paginate(request, records, rows=rows),
            "querystring": query_without_page(request),
            "downloadable": export is not None,
            **(context or {}),
        },
    )
