"""Importing partner local governments first, so that a partner list then finds them."""

from __future__ import annotations

import pytest

from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table
from coopdec.territories.models import Area

from .conftest import csv_file

pytestmark = pytest.mark.django_db

FRENCH = (
    "Collectivité;Pays;Code INSEE\n"
    "Commune de BRESSUIRE (79);France;79049\n"
    "Commune de CERIZAY (79);FR;79062\n"
    "Communauté de Communes de LEZAY (79);France;\n"
    "Conseil régional CHAMPAGNE ARDENNE (51);France;\n"
)


def preview_of(text: str, kind: str):
    table = read_table(csv_file(text))
    importer = KINDS[kind]
    return pipeline.preview(importer, table, pipeline.suggest_mapping(importer, table.header))


def test_partners_imported_first_are_then_found_by_the_partner_list(db):
    preview = preview_of(FRENCH, "local_governments")
    assert [row.status for row in preview.rows] == ["new"] * 4
    run = pipeline.commit(preview)
    created = {a.name: a for a in Area.objects.filter(country__code="FR").select_related("level")}
    assert created["Bressuire"].official_code == "79049"
    assert created["Bressuire"].level.code == "commune"
    assert created["Communauté de Communes de LEZAY"].level.code == "intercommunalite"
    assert created["Conseil régional CHAMPAGNE ARDENNE"].level.code == "region"

    assert [row.status for row in preview_of(FRENCH, "local_governments").rows] == ["unchanged"] * 4

    partners = preview_of(
        "Collectivité française;Ville togolaise\n"
        "Commune de BRESSUIRE (79);KPALIME\n"
        "Commune de CERIZAY (79);BADOU\n",
        "partnerships",
    )
    assert [row.status for row in partners.rows] == ["new", "new"]
    pipeline.commit(partners)
    with pytest.raises(pipeline.ImportRefused, match="utilisés"):
        pipeline.undo(run)  # the partnerships hold on to them
    assert Area.objects.filter(country__code="FR").count() == 4


def test_rows_that_cannot_be_local_governments_abroad_are_errors(db):
    preview = preview_of(
        "Nom;Pays;Niveau;Habitants\n"
        "Kpalimé;Togo;;\n"
        "Bohicon;Bénin;province;\n"
        "Atlantide;Nulle part;;\n"
        "Cotonou;Bénin;Commune;679 012\n"
        "Porto-Novo;BJ;;deux cents\n",
        "local_governments",
    )
    statuses = [(row.status, " ".join(row.messages)) for row in preview.rows]
    assert statuses[0][0] == "error" and "référentiel" in statuses[0][1]
    assert statuses[1][0] == "error" and "province" in statuses[1][1]
    assert statuses[2][0] == "error" and "pays" in statuses[2][1]
    assert statuses[3] == ("new", "")
    assert statuses[4][0] == "error" and "deux cents" in statuses[4][1]
    assert preview.rows[3].values["population"] == 679012
