from __future__ import annotations

import io
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx(rows: list[list], name: str = "liste.xlsx", sheet: str = "Feuil1") -> SimpleUploadedFile:
    """A real XLSX file holding ``rows``, as a spreadsheet application saves it."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(text: str, name: str = "liste.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


DOMAIN_APPS = [
    "territories",
    "taxonomy",
    "directory",
    "partnerships",
    "projects",
    "documents",
    "volunteers",
]


def snapshot() -> dict[str, list[dict]]:
    tables = {}
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            tables[model._meta.db_table] = list(model._default_manager.order_by("pk").values())
            for field in model._meta.many_to_many:
                through: Any = field.remote_field.through
                rows = through._default_manager.order_by("pk").values()
                tables[through._meta.db_table] = list(rows)
    return tables
