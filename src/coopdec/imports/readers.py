"""Reading the spreadsheets people have: CSV (any usual encoding and separator), XLSX, ODS.

Every check happens before the content is trusted: the bytes must be what the name says,
the file under the size cap, a zipped spreadsheet under the uncompressed-size cap (a zip
bomb is refused before any parsing), the rows under the row cap. A refusal is a
``FileRefused`` carrying the message for the user.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath

import python_calamine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from coopdec.documents.content import ACCEPTED, detect

SPREADSHEETS = {extension: ACCEPTED[extension] for extension in ("csv", "xlsx", "ods")}
# How far down the header row is looked for.
HEADER_SEARCH_ROWS = 20


class FileRefused(Exception):
    """The file cannot be read as a spreadsheet; ``str(error)`` says why to the user."""


@dataclass
class Table:
    """The rows of one sheet under its header row. Row numbers are those the user sees in
    the spreadsheet (1 for the first line)."""

    sheet_names: list[str]
    sheet: str
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_table(uploaded, *, sheet: str | None = None) -> Table:
    """The table in ``uploaded`` (a Django ``File``), from ``sheet`` or the first sheet."""
    try:
        detect(uploaded, accepted=SPREADSHEETS, limit=settings.COOPDEC_IMPORT_MAX_BYTES)
    except ValidationError as error:
        raise FileRefused(" ".join(error.messages)) from error
    extension = PurePath(uploaded.name).suffix.lower().lstrip(".")
    uploaded.seek(0)
    if extension == "csv":
        names, chosen, lines = [""], "", _csv_rows(uploaded.read())
    else:
        names, chosen, lines = _workbook_rows(uploaded, sheet)
    return _table(names, chosen, lines)


def _capped(lines):
    """The rows, refusing the file past the row cap (counted before the header is found)."""
    cap = settings.COOPDEC_IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS
    for number, line in enumerate(lines, start=1):
        if number > cap:
            raise FileRefused(
                _("This file has more than %(count)d rows. Split it into smaller files.")
                % {"count": settings.COOPDEC_IMPORT_MAX_ROWS}
            )
        yield line


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # pragma: no cover — cp1252 leaves few bytes undecoded


def _csv_rows(data: bytes):
    text = _decode(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delimiter = ";" if first.count(";") >= first.count(",") else ","
    return _capped(csv.reader(io.StringIO(text), delimiter=delimiter))


def _workbook_rows(uploaded, sheet: str | None):
    limit = settings.COOPDEC_IMPORT_MAX_UNCOMPRESSED_BYTES
    try:
        with zipfile.ZipFile(uploaded) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise FileRefused(_("This spreadsheet is damaged and cannot be opened.")) from error
    if unpacked > limit:
        raise FileRefused(
            _(
                "This spreadsheet unpacks to %(size)s, over the limit of %(limit)s. Remove "
                "what is not needed (images, other sheets) or save it as CSV."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )
    uploaded.seek(0)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(uploaded)
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            raise FileRefused(
                _("This file has no sheet named “%(sheet)s”. Its sheets: %(names)s.")
                % {"sheet": sheet, "names": ", ".join(names)}
            )
        chosen = sheet if sheet is not None else names[0]
        lines = list(_capped(workbook.get_sheet_by_name(chosen).iter_rows()))
    except python_calamine.CalamineError as error:
        raise FileRefused(_("This spreadsheet is damaged and cannot be opened.")) from error
    return names, chosen, lines


def _cell(value) -> object:
    """Text trimmed, whole numbers as int; dates and amounts left as the sheet typed them."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    if value is None or isinstance(value, int | float | date | datetime | bool):
        return "" if value is None else value
    return str(value)


def _table(names: list[str], chosen: str, lines) -> Table:
    rows = [(number, [_cell(value) for value in line]) for number, line in enumerate(lines, 1)]
    filled = [(number, [value for value in cells if value != ""]) for number, cells in rows]
    head = [(number, values) for number, values in filled[:HEADER_SEARCH_ROWS] if values]
    if not head:
        raise FileRefused(_("This sheet is empty."))
    widest = max(len(values) for _number, values in head)
    # The header: the first row nearly as wide as the widest, all of it words.
    header_row = next(
        (
            number
            for number, values in head
            if len(values) >= max(1, widest * 0.6)
            and all(isinstance(value, str) for value in values)
        ),
        head[0][0],
    )
    header = [str(value) for value in rows[header_row - 1][1]]
    while header and not header[-1]:
        header.pop()
    # Cells past the last titled column are kept: the preview says they are not imported.
    data = [
        (number, cells + [""] * (len(header) - len(cells)))
        for number, cells in rows[header_row:]
        if any(value != "" for value in cells)
    ]
    if len(data) > settings.COOPDEC_IMPORT_MAX_ROWS:
        raise FileRefused(
            _("This file has more than %(count)d rows. Split it into smaller files.")
            % {"count": settings.COOPDEC_IMPORT_MAX_ROWS}
        )
    return Table(names, chosen, header_row, header, data)
