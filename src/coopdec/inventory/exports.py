"""Any inventory table as CSV (for spreadsheets set to French, ";" and a BOM) or XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

from .stats import Table


def _cell(value):
    if value is None or isinstance(value, (int, float, Decimal, date)):
        return value
    return str(value)


def as_csv(table: Table) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column) for column in table.columns])
    writer.writerows([[_cell(value) for value in row] for row in table.rows])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    return response


def as_xlsx(table: Table) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.key[:31])
    sheet.append([str(column) for column in table.columns])
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{table.key}.xlsx"'
    return response


FORMATS = {"csv": as_csv, "xlsx": as_xlsx}
