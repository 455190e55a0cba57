"""Dates as people know them: a day, a month or only a year.

"Signed in 2007" is not "signed on 1 January 2007": a date read from a file or typed in a
form keeps its precision, and pages, exports and the API show only what is known. One
parser serves forms and imports alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import strip_accents
from .typography import long_date


class DatePrecision(models.TextChoices):
    DAY = "day", gettext_lazy("day")
    MONTH = "month", gettext_lazy("month")
    YEAR = "year", gettext_lazy("year")


def precision_field(verbose_name) -> models.CharField:
    """What is known of a date beside it: its day, its month, or only its year."""
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )


@dataclass(frozen=True)
class PartialDate:
    """A date and how much of it is known (the day and month of a year-only date are the
    first ones, never shown)."""

    date: date
    precision: str = DatePrecision.DAY

    def __str__(self) -> str:
        return iso(self.date, self.precision)


MONTHS = {
    **dict.fromkeys(["janvier", "janv", "jan", "january"], 1),
    **dict.fromkeys(["fevrier", "fevr", "fev", "february", "feb"], 2),
    **dict.fromkeys(["mars", "march", "mar"], 3),
    **dict.fromkeys(["avril", "avr", "april", "apr"], 4),
    **dict.fromkeys(["mai", "may"], 5),
    **dict.fromkeys(["juin", "june", "jun"], 6),
    **dict.fromkeys(["juillet", "juil", "july", "jul"], 7),
    **dict.fromkeys(["aout", "august", "aug"], 8),
    **dict.fromkeys(["septembre", "sept", "sep", "september"], 9),
    **dict.fromkeys(["octobre", "oct", "october"], 10),
    **dict.fromkeys(["novembre", "nov", "november"], 11),
    **dict.fromkeys(["decembre", "dec", "december"], 12),
}
FIRST_YEAR, LAST_YEAR = 1900, 2100

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_WORDS_DATE = re.compile(r"^(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")


def is_empty(value) -> bool:
    """A cell or field with nothing in it."""
    return value is None or (isinstance(value, str) and not value.strip())


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _date(year: int, month: int, day: int) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(_("%(year)d is not a plausible year.") % {"year": year})
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(_("This date does not exist.")) from error


def parse_partial_date(value) -> PartialDate | None:
    """A date from 12/03/2019, 2019-03-12, 12 mars 2019, mars 2019, 03/2019 or 2019, or a
    date cell, with what it says of the day; None for nothing. ValueError says, in the
    reader's language, how to write one."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return PartialDate(value.date())
    if isinstance(value, date):
        return PartialDate(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(_date(value, 1, 1), DatePrecision.YEAR)
    text = strip_accents(str(value)).strip().lower()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
        return PartialDate(_date(int(year), int(month), int(day)))
    if match := _NUMERIC_DATE.match(text):
        day, month, year = match.groups()
        return PartialDate(_date(_year(year), int(month), int(day)))
    if match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        return PartialDate(_date(int(year), int(month), 1), DatePrecision.MONTH)
    if match := _WORDS_DATE.match(text):
        day, month_name, year = match.groups()
        if month_name in MONTHS:
            if day:
                return PartialDate(_date(int(year), MONTHS[month_name], int(day)))
            return PartialDate(_date(int(year), MONTHS[month_name], 1), DatePrecision.MONTH)
    if _YEAR.match(text):
        return PartialDate(_date(int(text), 1, 1), DatePrecision.YEAR)
    raise ValueError(
        _("“%(value)s” is not a date: write it 12/03/2019, 2019-03-12, mars 2019 or 2019.")
        % {"value": str(value)[:40]}
    )


def iso(value: date | None, precision: str) -> str:
    """ISO 8601 at the known precision ("2007", "2007-03", "2007-03-12"): exports, open
    data and the API."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def display(value: date | None, precision: str) -> str:
    """As pages show it in the reader's language: "2007", "mars 2007", "12 mars 2007"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return long_date(value)


def as_typed(value: date | None, precision: str) -> str:
    """As a form field shows it to be changed: "2007", "03/2007", "12/03/2007"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{value.month:02d}/{value.year:04d}"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def for_export(value: date | None, precision: str) -> date | str | None:
    """A spreadsheet cell: a real date when the day is known, else "2007" or "2007-03"."""
    if value is None or precision == DatePrecision.DAY:
        return value
    return iso(value, precision)
