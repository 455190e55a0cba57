"""Names sort as people read them, on SQLite and PostgreSQL alike: accents and case do not
send a country to the end of a list."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

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


def _in_page_order(page: str, names: list[str]) -> list[str]:
    """``names`` in the order the page shows them (each found as an option or link text)."""
    text = html.unescape(page)
    found = {name: text.find(f">{name}<") for name in names}
    assert all(position >= 0 for position in found.values()), found
    return sorted(names, key=found.__getitem__)


def test_lists_on_pages_sort_as_the_reader_language_does(users, client_for):
    """The country list of a form in French and in English (sorted in the language shown,
    not in French for both), and the list of communes: accents sort with their letter."""
    client = client_for(users["staff"])
    form = reverse("directory:organisation_create")
    french = [
        "Allemagne",
        "Bénin",
        "Burkina Faso",
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatie",
        "Égypte",
        "Espagne",
        "Éthiopie",
        "France",
        "Géorgie",
        "Ghana",
    ]
    english = [
        "Benin",
        "Burkina Faso",
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatia",
        "Egypt",
        "Ethiopia",
        "France",
        "Georgia",
        "Germany",
        "Ghana",
        "Spain",
    ]
    for language, expected in (("fr", french), ("en", english)):
        client.cookies["django_language"] = language
        page = client.get(form).content.decode()
        assert _in_page_order(page, expected[::-1]) == expected, language
        communes = client.get(reverse("territories:commune_list")).content.decode()
        expected = ["Agoè-Nyivé 1", "Agoè-Nyivé 6", "Agou 1", "Akébou 1", "Amou 1", "Anié 1"]
        assert _in_page_order(communes, expected[::-1]) == expected, language
