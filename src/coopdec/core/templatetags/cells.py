"""``{% cell value %}``: a value of a figures table, written for the reader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils.html import format_html

from coopdec.core.typography import money, percent

register = template.Library()


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


# The "currency" of a column holding shares (percent) or means (two decimals).
PERCENT = "%"
MEAN = "mean"


def written(value, currency: str = "") -> str:
    """A count with thousands separators, an amount rounded with its currency, a share
    with one decimal and "%", a mean with two decimals."""
    if currency == PERCENT:
        return percent(value)
    if currency == MEAN:
        return floatformat(value, "2g")
    if currency:
        return money(round(value), currency)
    return floatformat(value, "0g")


@register.simple_tag
def cell(value, currency: str = "") -> str:
    """A table cell: counts rounded with thousands separators and amounts with their
    currency, aligned right; dates in the short local format (dd/mm/yyyy); nothing as a
    dash, anything else as text."""
    if is_number(value):
        return format_html('<td class="num">{}</td>', written(value, currency))
    if isinstance(value, date):
        return format_html("<td>{}</td>", format_date(value, "SHORT_DATE_FORMAT"))
    return format_html("<td>{}</td>", "—" if value is None or value == "" else value)
