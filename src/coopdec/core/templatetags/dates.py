"""``{% known_date value precision %}``: a date as far as it is known ("2007", "mars 2007",
"12 mars 2007"), a dash when unknown."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from coopdec.core.dates import DatePrecision, display
from coopdec.core.typography import long_date as _long_date

register = template.Library()


@register.simple_tag
def known_date(value, precision="day", unknown="—") -> str:
    return display(value, precision) or unknown


@register.simple_tag
def known_since(value, precision="day") -> str:
    """ "since 12 March 2007", "since March 2007" or "since 2007"; nothing when unknown
    (French says "depuis le" before a day only)."""
    if value is None:
        return ""
    if precision == DatePrecision.DAY:
        return _("since %(day)s") % {"day": display(value, precision)}
    return _("since %(period)s") % {"period": display(value, precision)}


@register.filter
def long_date(value) -> str:
    """``{{ value|long_date }}``: a date in a sentence ("1er décembre 2026")."""
    return _long_date(value)
