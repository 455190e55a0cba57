"""Values as people type them in spreadsheets, read into dates, amounts, yes/no and lists.

Each parser takes what a cell holds (text, or the number or date a spreadsheet stored) and
returns the value, ``None`` for an empty cell, or raises ``ValueError`` whose message says,
in the user's language, what was expected. Nothing else escapes.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coopdec.core.dates import PartialDate, is_empty, parse_partial_date
from coopdec.core.links import clean_web_address
from coopdec.core.text import strip_accents


def parse_date(value) -> date | None:
    """A date from 12/03/2019, 2019-03-12, 12 mars 2019, mars 2019, 03/2019 or 2019 (a
    month or a lone year gives its first day: where that matters, ``parse_partial_date``
    keeps the precision), or a date cell."""
    partial = parse_partial_date(value)
    return partial.date if partial is not None else None


__all__ = ["PartialDate", "parse_date", "parse_partial_date"]

CURRENCY_WORDS = [
    ("XOF", r"f\s*cfa|fcfa|cfa|xof|francs?\s+cfa|francs?|f"),
    ("EUR", r"€|eur|euros?"),
    ("USD", r"\$|usd|dollars?"),
]
_CURRENCY = [
    (code, re.compile(rf"(?:^|(?<=[\d\s]))(?:{words})(?=$|[\s\d])"))
    for code, words in CURRENCY_WORDS
]
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def parse_amount(value) -> tuple[Decimal, str | None] | None:
    """An amount and its currency code if the cell names one: 1 500 000 FCFA, 12 000 €,
    1.500.000, 1,5, 12000.50 EUR, or a number cell."""
    if isinstance(value, bool):
        _not_an_amount(value)
    if is_empty(value):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)), None
    text = strip_accents(str(value)).strip().lower()
    currency = None
    for code, pattern in _CURRENCY:
        if pattern.search(text):
            currency = code
            text = pattern.sub(" ", text)
            break
    number = _plain_number(_SPACES.sub("", text))
    if not _NUMBER.match(number):
        return _not_an_amount(value)
    try:
        return Decimal(number), currency
    except InvalidOperation:  # pragma: no cover — the pattern above admits only decimals
        return _not_an_amount(value)


def _grouped(whole: str, mark: str) -> bool:
    """Whether ``whole`` is digits in groups of three after the first: 1.500.000."""
    return re.fullmatch(rf"-?[1-9]\d{{0,2}}(?:{re.escape(mark)}\d{{3}})+", whole) is not None


def _plain_number(number: str) -> str:
    """ "1.500,50", "1,500.50", "1 500", "1,5" → "1500.50", "1500.50", "1500", "1.5"; anything
    that is not a number written with thousands and decimal marks is left for the caller
    to refuse."""
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _mark, fraction = number.rpartition(decimal)
        if not _grouped(whole, thousands):
            return number
        return whole.replace(thousands, "") + "." + fraction
    mark = "," if "," in number else "." if "." in number else ""
    if not mark:
        return number
    if _grouped(number, mark):
        return number.replace(mark, "")  # 1.500.000, 12,000: thousands
    return number.replace(",", ".")  # 1,5 or 12000.50: decimals


def _not_an_amount(value) -> NoReturn:
    raise ValueError(
        _("“%(value)s” is not an amount: write it 1 500 000 FCFA or 12 000,50 €.")
        % {"value": str(value)[:40]}
    )


YES = {"oui", "o", "yes", "y", "x", "vrai", "true", "1"}
NO = {"non", "n", "no", "faux", "false", "0"}


def parse_bool(value) -> bool | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    text = strip_accents(str(value)).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("“%(value)s”: write oui or non.") % {"value": str(value)[:40]})


def parse_list(value) -> list[str]:
    """Items separated by semicolons, or by commas when there is no semicolon, or lines."""
    if is_empty(value):
        return []
    text = str(value)
    separator = ";" if ";" in text else ("," if "," in text else "\n")
    return [item.strip() for item in text.replace("\n", separator).split(separator) if item.strip()]


def parse_web_address(value) -> str | None:
    """A website: http(s) only; "www.example.org" is read as https."""
    if is_empty(value):
        return None
    try:
        return clean_web_address(str(value))
    except ValidationError:
        raise ValueError(
            _("“%(value)s” is not a web address starting with http:// or https://.")
            % {"value": str(value)[:80]}
        ) from None
