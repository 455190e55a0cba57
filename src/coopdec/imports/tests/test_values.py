"""Acceptance 4: the date, amount and name readers never raise anything but a ValueError
with a message, and read back what they are given in the forms people write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdec.core.text import normalize_name
from coopdec.imports.values import parse_amount, parse_bool, parse_date, parse_list

FRENCH_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
cells = st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True), st.none())


@given(cells)
def test_no_exception_but_a_value_error_escapes(value):
    for parse in (parse_date, parse_amount, parse_bool):
        try:
            parse(value)
        except ValueError as error:
            assert str(error)  # always says what was expected
    assert isinstance(parse_list(value), list)
    assert isinstance(normalize_name(str(value)), str)


@given(dates)
def test_dates_in_every_written_form_read_back(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}") == day
    assert parse_date(f"{FRENCH_MONTHS[day.month - 1].capitalize()} {day.year}") == day.replace(
        day=1
    )
    assert parse_date(str(day.year)) == date(day.year, 1, 1)


def french(amount: Decimal) -> str:
    """1 500 000,50 — as a French spreadsheet user types an amount."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join(groups) + "," + cents


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_amounts_written_the_french_way_read_back(amount):
    assert parse_amount(french(amount) + " €") == (amount, "EUR")
    assert parse_amount(french(amount) + " FCFA") == (amount, "XOF")
    assert parse_amount(f"{amount:.2f}") == (amount, None)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_amounts_with_thousands_separators(amount):
    assert parse_amount(f"{amount:,}".replace(",", " ") + " F CFA") == (amount, "XOF")
    assert parse_amount(f"{amount:,}".replace(",", ".")) == (amount, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500 000 FCFA", (Decimal(1500000), "XOF")),
        ("12 000 €", (Decimal(12000), "EUR")),
        ("1.500,50 €", (Decimal("1500.50"), "EUR")),
        ("12000.50 EUR", (Decimal("12000.50"), "EUR")),
        ("1,5", (Decimal("1.5"), None)),
        ("", None),
    ],
)
def test_amounts_people_wrote(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["douze mille", "12 €€ 3", "1..2", "€"])
def test_what_is_not_an_amount_is_explained(text):
    with pytest.raises(ValueError, match="n'est pas un montant|is not an amount"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mars 2019", date(2019, 3, 1)),
        ("12.03.19", date(2019, 3, 12)),
        ("1er mai 2020", date(2020, 5, 1)),
    ],
)
def test_dates_people_wrote(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2019", "hier", "13/13/2013", "2019-02-30", "1850"])
def test_impossible_dates_are_explained(text):
    with pytest.raises(ValueError):
        parse_date(text)


@given(st.text(max_size=30))
def test_name_normalisation_is_stable(name):
    once = normalize_name(name)
    assert normalize_name(once) == once


def test_names_as_people_write_them():
    assert normalize_name("Commune de BRESSUIRE (79)") == normalize_name("Bressuire")
    assert normalize_name("KPALIME") == normalize_name("Kpalimé")
    assert normalize_name("Communauté de Communes de LEZAY (79)") == "cc de lezay"
