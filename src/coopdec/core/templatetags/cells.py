"""``{% cell value %}``: a value of a figures table, written for the reader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils.html import format_html

register = template.Library()


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.simple_tag
def cell(value) -> str:
    """A table cell: amounts and counts rounded with thousands separators and aligned
    right, dates in the short local format, nothing as a dash, anything else as text."""
    if is_number(value):
        return format_html('<td class="num">{}</td>', floatformat(value, "0g"))
    if isinstance(value, date):
        return format_html("<td>{}</td>", format_date(value, "SHORT_DATE_FORMAT"))
    return format_html("<td>{}</td>", "—" if value is None or value == "" else value)
