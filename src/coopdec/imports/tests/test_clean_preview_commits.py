"""A clean preview commits: what the database would refuse (a name longer than its column,
a number past what it holds) is said at preview, row by row, and nothing is written."""

from __future__ import annotations

import pytest

from coopdec.imports import pipeline
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

from .test_local_governments import preview_of

pytestmark = pytest.mark.django_db


def test_too_long_and_too_large_are_caught_at_preview(bressuire):
    long_name = "Jumelage " + "x" * 300
    preview = preview_of(
        f"Commune;Partenaire;Nom\nKpalimé;Bressuire;{long_name}\nBadou;Bressuire;Court\n",
        "partnerships",
    )
    first, second = preview.rows
    assert first.status == "error" and second.status == "new"
    assert "309 caractères, 250 au plus" in " ".join(first.messages)
    with pytest.raises(pipeline.ImportRefused):
        pipeline.commit(preview)
    assert not Partnership.objects.exists()


def test_a_population_past_what_the_database_holds_is_an_error(db):
    preview = preview_of("Nom;Pays;Habitants\nBohicon;Bénin;99999999999\n", "local_governments")
    assert preview.rows[0].status == "error"
    assert "plus grand que ce que coopdec peut enregistrer" in " ".join(preview.rows[0].messages)
    assert not Area.objects.filter(name="Bohicon").exists()


def test_an_update_says_which_record_it_changes_and_how(bressuire):
    pipeline.commit(
        preview_of("Commune;Partenaire;Statut\nKpalimé;Bressuire;Actif\n", "partnerships")
    )
    preview = preview_of(
        "Commune;Partenaire;Statut;Type\nKpalimé;Bressuire;Terminé;Jumelage\n", "partnerships"
    )
    (row,) = preview.rows
    assert row.status == "update"
    assert row.changes == [
        "Kloto 1 – Bressuire",
        "type\u202f: Type non précisé → Jumelage",
        "statut\u202f: Actif → Terminé",
    ]
