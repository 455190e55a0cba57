"""Names sort as people read them, on SQLite and PostgreSQL alike: accents and case do not
send a country to the end of a list."""

from __future__ import annotations

import pytest

from coopdec.core.collation import by_name
from coopdec.territories.models import Country

pytestmark = pytest.mark.django_db


def test_countries_sort_as_french_reads_them():
    codes = ["BJ", "BF", "EG", "ES", "ET", "ER", "ZA", "AT"]
    names = list(Country.objects.filter(code__in=codes).values_list("name_fr", flat=True))
    assert names == [
        "Afrique du Sud",
        "Autriche",
        "Bénin",
        "Burkina Faso",
        "Égypte",
        "Érythrée",
        "Espagne",
        "Éthiopie",
    ]


def test_the_collation_serves_any_name_and_ignores_case():
    names = ["zio", "Élan", "abomey", "Eau", "Ébène", "BASSAR"]
    Country.objects.bulk_create(
        [
            Country(code=f"Q{i}", code3=f"QQ{i}", numeric="999", name_fr=name, name_en=name)
            for i, name in enumerate(names)
        ]
    )
    found = list(
        Country.objects.filter(code__in=[f"Q{i}" for i in range(len(names))])
        .order_by(by_name("name_en"))
        .values_list("name_en", flat=True)
    )
    assert found == ["abomey", "BASSAR", "Eau", "Ébène", "Élan", "zio"]
