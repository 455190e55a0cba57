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


def _csv_cell(value):
    """As a spreadsheet set to French reads it: decimals with a comma (1234,5), no
    thousands separator; text that would run as a formula behind an apostrophe."""
    value = _cell(value)
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return format(value, "f").replace(".", ",")
    return "'" + value if _is_formula(value) else value


def _is_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _rows(table) -> Iterable[list]:
    """The rows, and the total line of a table of figures that has one."""
    return table.all_rows() if hasattr(table, "all_rows") else table.rows


def csv_bytes(table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column) for column in table.columns])
    for row in _rows(table):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.key[:31])

    def cell(value):
        written = WriteOnlyCell(sheet, value=_cell(value))
        if _is_formula(written.value):
            written.data_type = "s"  # text, never a formula
        return written

    sheet.append([cell(str(column)) for column in table.columns])
    for row in _rows(table):
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "xml": "application/xml",
    "pdf": "application/pdf",
}
WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


def download(content: bytes, file_name: str) -> HttpResponse:
    """``content`` as an attachment named ``file_name``, typed by its extension."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_name.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def as_csv(table) -> HttpResponse:
    return download(csv_bytes(table), f"{table.key}.csv")


def as_xlsx(table) -> HttpResponse:
    return download(xlsx_bytes(table), f"{table.key}.xlsx")


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
