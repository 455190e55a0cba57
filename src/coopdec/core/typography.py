"""Text as each language writes it: dates in sentences, amounts with their currency, and
French elision. Pages, e-mails and messages go through these; files and the API keep ISO
dates and bare numbers."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
# "de" before a vowel sound becomes "d’" ("d’Élèves", "d’Agou"); "y" and "h" are left
# alone (Yaoundé, Haho: the sound decides, and a name does not tell it).
_DE_BEFORE_VOWEL = re.compile(r"\b([Dd])e ([AEIOUÀÂÄÆÉÈÊËÎÏÔÖŒÙÛÜaeiouàâäæéèêëîïôöœùûü])")


def french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def elide(text: str) -> str:
    """In French, "de" before a vowel elided: "Nouvelle valeur de Élèves" becomes
    "Nouvelle valeur d’Élèves". Other languages are returned unchanged."""
    if not french():
        return text
    return _DE_BEFORE_VOWEL.sub(lambda m: f"{m.group(1)}’{m.group(2)}", text)


def long_date(value: date | datetime | None) -> str:
    """A date in a sentence: "1er décembre 2026", "3 décembre 2026"; "1 December 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    text = formats.date_format(value, "DATE_FORMAT")
    if value.day == 1 and french() and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


def month_year(value: date) -> str:
    """A month in a title: "mars 2026", "March 2026"."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


# Where the currency goes and how it is written, by language (the ISO code otherwise).
_SYMBOLS = {"EUR": "€", "XOF": "F CFA", "XAF": "F CFA"}


def money(amount: int | float | Decimal | None, currency: str, places: int | None = None) -> str:
    """An amount with its currency: "1 500 000 F CFA", "12 000 €" in French; "€12,000",
    "XOF 1,500,000" in English. Cents are written only when there are some (unless
    ``places`` says how many). Nothing known stays a dash."""
    if amount is None or amount == "":
        return "—"
    if places is None:
        places = 0 if Decimal(str(amount)) == Decimal(str(amount)).to_integral_value() else 2
    number = formats.number_format(amount, decimal_pos=places, force_grouping=True)
    if french():
        return f"{number}{NBSP}{_SYMBOLS.get(currency, currency)}"
    if currency == "EUR":
        return f"€{number}"
    return f"{currency}{NBSP}{number}"


def money_range(low, high, currency: str) -> str:
    """An amount between two bounds, either of which may be unknown: "10 000 € – 50 000 €",
    "from €10,000", "up to 50 000 F CFA"; empty when neither is known."""
    if low in (None, "") and high in (None, ""):
        return ""
    if high in (None, ""):
        return pgettext("amount", "from %(low)s") % {"low": money(low, currency)}
    if low in (None, ""):
        return pgettext("amount", "up to %(high)s") % {"high": money(high, currency)}
    return f"{money(low, currency)} – {money(high, currency)}"


def percent(value: int | float | Decimal | None, places: int = 1) -> str:
    """A share: "42,5 %" in French (a narrow no-break space before "%"), "42.5%" in English."""
    if value is None:
        return "—"
    number = formats.number_format(value, decimal_pos=places)
    return f"{number}{NARROW_NBSP}%" if french() else f"{number}%"


def colon() -> str:
    """ ":" after a label, as the language writes it (a narrow no-break space before it in
    French)."""
    return pgettext("punctuation after a label", ":")


def semicolon() -> str:
    """ ";" between the items of a list, as the language writes it."""
    return pgettext("punctuation between list items", ";")


def labelled(label: object, value: object) -> str:
    """ "Visite : Accueil" in French, "Visit: Accueil" in English."""
    return f"{label}{colon()} {value}"


def listed(items) -> str:
    """Items one after the other, between semicolons as the language writes them."""
    return f"{semicolon()} ".join(str(item) for item in items)
