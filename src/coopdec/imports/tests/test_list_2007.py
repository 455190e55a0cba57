"""Acceptance 1: the 2007 list of the concerted programme (seed 001), typed into a
spreadsheet as it stands, imports as partnerships: seat towns resolve to their commune,
every other name is listed with candidates — none dropped, none guessed."""

from __future__ import annotations

import pytest

from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table
from coopdec.partnerships.models import Partnership

from .conftest import xlsx

pytestmark = pytest.mark.django_db

# French local government, Togolese town — as the 2007 list writes them.
LIST_2007 = [
    ("Commune de BRESSUIRE (79)", "KPALIME"),
    ("Commune de CERIZAY (79)", "BADOU"),
    ("Commune de CHAURAY (79)", "BASSAR"),
    ("Commune de COULON (79)", "ANIE"),
    ("Commune d’ISSY LES MOULINEAUX (92)", "DAPAONG"),
    ("Commune de MOYEUVRE-GRANDE (57)", "GADZEPE"),
    ("Commune de PRAHECQ (79)", "GLEI"),
    ("Communauté de Communes de la CHAPELLE CHAUSSEE (35)", "LAMA BOU"),
    ("Communauté de Communes de la COTE ROANNAISE (42)", "PAGOUDA"),
    ("Communauté de Communes ESPACE GATINE (79)", "ELAVAGNON"),
    ("Communauté de Communes de LEZAY (79)", "DANYE-ELEVANYO"),
    ("Communauté de Communes VAL DE BOUTONNE (79)", "AKPARE"),
    ("Communes du Canton de MAZIERES-EN-GATINE (79)", "AGOU-YIBOE"),
    ("Conseil régional CHAMPAGNE ARDENNE (51)", "REGION CENTRALE"),
]
SEAT_TOWNS = {
    "KPALIME": "Kloto 1",
    "BADOU": "Wawa 1",
    "BASSAR": "Bassar 1",
    "DAPAONG": "Tône 1",
    "PAGOUDA": "Binah 1",
    "REGION CENTRALE": "Centrale",  # the region: "Région" says the level
}


def test_the_2007_list_resolves_seat_towns_and_guesses_nothing(bressuire):
    upload = xlsx(
        [
            ["Collectivités françaises engagées au 31 mai 2007", None],
            [None, None],
            ["Collectivité française", "Ville togolaise"],
            *[list(row) for row in LIST_2007],
        ]
    )
    table = read_table(upload)
    kind = KINDS["partnerships"]
    mapping = pipeline.suggest_mapping(kind, table.header)
    assert mapping == {
        "Collectivité française": "partner_governments",
        "Ville togolaise": "local_government",
    }
    preview = pipeline.preview(kind, table, mapping)

    assert [row.row for row in preview.rows] == list(range(4, 4 + len(LIST_2007)))  # none dropped
    for (_french, town), row in zip(LIST_2007, preview.rows, strict=True):
        commune = row.resolved["local_government"]
        if town in SEAT_TOWNS:
            assert commune.startswith(SEAT_TOWNS[town] + " ("), (town, commune)
            assert "local_government" not in row.candidates
        else:
            assert commune is None, (town, commune)  # not guessed
            assert row.candidates["local_government"], town  # but candidates offered
    # Bressuire is known: its row is resolved on both sides; the other French local
    # governments are not in the reference data, and are not guessed either.
    first = preview.rows[0]
    assert first.resolved["partner_governments"].startswith("Bressuire")
    assert all(row.resolved["partner_governments"] is None for row in preview.rows[1:])
    assert preview.summary["unresolved"] == len(LIST_2007) - 1
    assert preview.summary["new"] == 1

    with pytest.raises(pipeline.ImportRefused):
        pipeline.commit(preview)
    assert not Partnership.objects.exists()


def test_a_canton_proposes_the_communes_of_its_prefecture(db):
    table = read_table(xlsx([["Partenaire", "Commune"], ["Bressuire", "GLEI"]]))
    mapping = {"Commune": "local_government", "Partenaire": "partner_governments"}
    row = pipeline.preview(KINDS["partnerships"], table, mapping).rows
    assert [c.split(" (")[0] for c in row[0].candidates["local_government"][:4]] == [
        "Ogou 1",
        "Ogou 2",
        "Ogou 3",
        "Ogou 4",
    ]


def test_a_pick_holds_for_its_file_unless_the_user_says_it_always_means_that(bressuire):
    from coopdec.territories.models import Area

    ogou1 = Area.objects.communes().get(slug="ogou-1")
    rows = [["Commune", "Partenaire"], ["GLEI", "Bressuire"]]
    kind = KINDS["partnerships"]
    table = read_table(xlsx(rows))
    mapping = pipeline.suggest_mapping(kind, table.header)
    assert pipeline.preview(kind, table, mapping).rows[0].status == "unresolved"

    picked = {"local_government": {"GLEI": ogou1.pk}}
    once = pipeline.commit(pipeline.preview(kind, table, mapping, picked))
    assert Partnership.objects.get().local_government == ogou1
    assert not ogou1.aliases.filter(kind="learned").exists()  # a pick is not a certainty
    again = pipeline.preview(kind, read_table(xlsx(rows)), mapping)
    assert again.rows[0].status == "unresolved"
    pipeline.undo(once)

    always = {"local_government": ["GLEI"]}
    preview = pipeline.preview(kind, table, mapping, picked, always=always)
    assert preview.rows[0].status == "new"
    run = pipeline.commit(preview)
    assert Partnership.objects.get().local_government == ogou1

    again = pipeline.preview(kind, read_table(xlsx(rows)), mapping)
    assert again.rows[0].resolved["local_government"].startswith("Ogou 1 (")
    assert again.rows[0].status == "unchanged"

    pipeline.undo(run)
    assert not ogou1.aliases.filter(kind="learned").exists()
