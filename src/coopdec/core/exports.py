"""Any table of figures or list of records as CSV (for spreadsheets set to French: ";" and
a BOM) or XLSX. A table is anything with ``key`` (the file name), ``columns`` and ``rows``.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is written so that it opens as text: behind an apostrophe in CSV, as a string cell
in XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None or isinstance(value, int | float | Decimal | date):
        return value
    return str(value)


def _is_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_csv(table) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column) for column in table.columns])
    for row in table.rows:
        cells = [_cell(value) for value in row]
        writer.writerow(["'" + value if _is_formula(value) else value for value in cells])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    return response


def as_xlsx(table) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.key[:31])

    def cell(value):
        written = WriteOnlyCell(sheet, value=_cell(value))
        if _is_formula(written.value):
            written.data_type = "s"  # text, never a formula
        return written

    sheet.append([cell(str(column)) for column in table.columns])
    for row in table.rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{table.key}.xlsx"'
    return response


FORMATS = {"csv": as_csv, "xlsx": as_xlsx}


@dataclass
class Export:
    """A list of records as a downloadable table."""

    key: str
    columns: list
    rows: Iterable[list]


def requested(request) -> str | None:
    """The format a list page is asked to download in (``?export=csv``), if any."""
    wanted = request.GET.get("export")
    return wanted if wanted in FORMATS else None
