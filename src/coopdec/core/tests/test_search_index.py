"""Search finds word beginnings, accents and case ignored, and follows every change to the
records at once (SQLite answers from its full-text index, kept by triggers; PostgreSQL from
its trigram index)."""

from __future__ import annotations

import pytest

from coopdec.conftest import add_partnership
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return set(Area.objects.communes().search(query).values_list("slug", flat=True))


def test_word_beginnings_accents_and_case():
    assert "kloto-1" in found("KPALIME")
    assert "kloto-1" in found("kpal")
    assert "kloto-1" not in found("alime")  # inside a word, not at its start
    assert found("kloto 1") == {"kloto-1"}  # every word must start a word of the record
    assert found("zzzqx") == set()


def test_search_follows_renames_and_deletions(kloto1, bressuire):
    kloto1.seat_town = "Nouvelleville"
    kloto1.save()
    assert found("nouvellev") == {"kloto-1"}
    kloto1.seat_town = "Autreville"
    kloto1.save()
    assert found("nouvellev") == set() and found("autrev") == {"kloto-1"}

    partnership = add_partnership(kloto1, [bressuire], name="Jumelage Tsévié-Zinder")
    assert list(Partnership.objects.search("tsevie")) == [partnership]
    partnership.delete()
    assert list(Partnership.objects.search("tsevie")) == []
