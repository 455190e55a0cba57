"""Issue 17, acceptance 1 and 2: a list of twinnings typed the way people type them, with
France's official geographic code loaded. Every certain Togolese side resolves, none is
guessed; every French side is its official record, department included; no status is
invented; a year stays a year. A commune not known for certain is recorded "to confirm",
never learned as a name."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from coopdec.conftest import new_user
from coopdec.core.reference import load_all
from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area, AreaAlias

from .conftest import xlsx

pytestmark = pytest.mark.django_db

# Togolese side as typed, French side as typed, themes as loose words, a year-only date.
ROWS = [
    ("KPALIME", "Commune de BRESSUIRE (79)", "eau, éducation", "2001"),
    ("BADOU", "CERIZAY", "santé", ""),
    ("BASSAR", "Commune de CHAURAY (79)", "urbanisme", "1998"),
    ("DAPAONG", "Ville d'ISSY-LES-MOULINEAUX (92)", "environnement", ""),
    ("PAGOUDA", "Communauté d'agglomération du Niortais", "eau", "2007"),
    ("TSEVIE", "NIORT", "jeunesse", ""),
    ("MANGO", "Commune de PRAHECQ", "culture", ""),
    ("ATAKPAME", "PARTHENAY (79)", "agriculture", "2010"),
    ("ANEHO", "Moyeuvre-Grande (57)", "déchets", ""),
    ("Région Centrale", "Région Nouvelle-Aquitaine", "gouvernance", "2012"),
    ("Région des Plateaux", "Conseil départemental des Deux-Sèvres", "formation", ""),
    ("Tsévié (Zio 1)", "LEZAY", "eau", ""),
    ("Kloto 1 (Kpalimé)", "Commune de THOUARS", "tourisme", "2015"),
    ("KPALIME", "MELLE (79)", "sport", ""),
    ("BADOU", "Chef-Boutonne", "santé", ""),
    ("ATAKPAME", "La Crèche", "eau", ""),
    ("DAPAONG", "Bellegarde-sur-Valserine", "numérique", "2019"),
    ("ANIE", "COULON (79)", "eau", ""),
    ("Lomé", "MAULEON (79)", "culture", ""),
    ("KARA", "Saint-Maixent-l'École", "jeunesse", ""),
]
CERTAIN = {
    "KPALIME": "kloto-1",
    "BADOU": "wawa-1",
    "BASSAR": "bassar-1",
    "DAPAONG": "tone-1",
    "PAGOUDA": "binah-1",
    "TSEVIE": "zio-1",
    "MANGO": "oti-1",
    "ATAKPAME": "ogou-1",
    "ANEHO": "lacs-1",
    "Région Centrale": "centrale",
    "Région des Plateaux": "plateaux",
    "Tsévié (Zio 1)": "zio-1",
    "Kloto 1 (Kpalimé)": "kloto-1",
}
# Official codes of the French sides (INSEE for communes, department and region codes,
# SIREN for the intercommunality), and the department each is in.
FRENCH = {
    "Commune de BRESSUIRE (79)": ("79049", "79"),
    "CERIZAY": ("79062", "79"),
    "Commune de CHAURAY (79)": ("79081", "79"),
    "Ville d'ISSY-LES-MOULINEAUX (92)": ("92040", "92"),
    "Communauté d'agglomération du Niortais": ("200041317", "79"),
    "NIORT": ("79191", "79"),
    "Commune de PRAHECQ": ("79216", "79"),
    "PARTHENAY (79)": ("79202", "79"),
    "Moyeuvre-Grande (57)": ("57491", "57"),
    "Région Nouvelle-Aquitaine": ("75", None),
    "Conseil départemental des Deux-Sèvres": ("79", None),
    "LEZAY": ("79148", "79"),
    "Commune de THOUARS": ("79329", "79"),
    "MELLE (79)": ("79174", "79"),
    "Chef-Boutonne": ("79083", "79"),
    "La Crèche": ("79048", "79"),
    "Bellegarde-sur-Valserine": ("01033", "01"),
    "COULON (79)": ("79100", "79"),
    "MAULEON (79)": ("79079", "79"),
    "Saint-Maixent-l'École": ("79270", "79"),
}


@pytest.fixture
def france(db):
    load_all(countries=["FR"])


def table():
    return read_table(
        xlsx(
            [
                ["Liste des jumelages franco-togolais", None, None, None],
                ["Ville togolaise", "Collectivité française", "Domaines", "Année de signature"],
                *[list(row) for row in ROWS],
            ]
        )
    )


def test_a_list_typed_as_people_type_it_imports_with_nothing_guessed(france, client_for):
    kind = KINDS["partnerships"]
    mapping = pipeline.suggest_mapping(kind, table().header)
    preview = pipeline.preview(kind, table(), mapping)
    assert len(preview.rows) == 20 and not preview.unused_columns

    communes = {a.slug: a for a in Area.objects.filter(country__code="TG")}
    to_pick = {}
    for (togo, french, _themes, _year), row in zip(ROWS, preview.rows, strict=True):
        if togo in CERTAIN:
            assert row.resolved["local_government"].startswith(
                communes[CERTAIN[togo]].name + " ("
            ), togo
        else:  # not certain: never guessed, every commune it may mean offered
            assert row.resolved["local_government"] is None, togo
            to_pick[togo] = row.candidates["local_government"]
        assert row.resolved["partner_governments"] is not None, french
    # The decisions asked of the person: the three names that are not certain.
    assert sorted(to_pick) == ["ANIE", "KARA", "Lomé"]
    assert len(preview.rows[18].candidates["local_government"]) >= 7  # the 7 of Golfe
    decisions = len(to_pick)
    assert decisions == 3

    golfe1, kara = communes["golfe-1"], communes["kara"]
    choices = {
        "local_government": {"ANIE": pipeline.TO_CONFIRM, "Lomé": golfe1.pk, "KARA": kara.pk}
    }
    preview = pipeline.preview(kind, table(), mapping, choices)
    assert preview.clean, [row.messages for row in preview.rows if row.messages]
    pipeline.commit(preview)

    partnerships = {p.name: p for p in Partnership.objects.select_related("local_government")}
    assert len(partnerships) == 20
    found = []
    for partnership in partnerships.values():
        assert partnership.status == "unknown" and partnership.status_since is None
        (partner,) = partnership.partner_governments.select_related("parent", "country")
        assert partner.country.code == "FR"
        # Its department: the one it is in (none for a region or a department itself).
        around = [area for area in partner.ancestors() if area.level.code == "departement"]
        found.append((partner.official_code, around[0].official_code if around else None))
    assert sorted(found) == sorted(FRENCH.values())
    coulon = Partnership.objects.get(partner_governments__official_code="79100")
    assert coulon.commune_to_confirm and coulon.local_government.slug == "anie"
    kpalime = Partnership.objects.get(partner_governments__official_code="79049")
    assert (kpalime.signature_date, kpalime.signature_precision) == (date(2001, 1, 1), "year")
    assert set(kpalime.themes.values_list("code", flat=True)) == {
        "water-sanitation",
        "education-training",
    }
    # No pick became a name: the next file asks again.
    assert not AreaAlias.objects.filter(kind="learned").exists()
    again = pipeline.preview(kind, table(), mapping)
    assert again.rows[17].resolved["local_government"] is None

    # The commune to confirm is listed for the federation to settle, and counts in Anié.
    staff = new_user(username="staff", role="federation_staff")
    page = client_for(staff).get(reverse("inventory:completeness")).content.decode()
    assert "Communes à confirmer" in page and coulon.name in page
    assert coulon in Partnership.objects.within(coulon.local_government)
    assert coulon in Partnership.objects.within(communes["plateaux"])


def test_every_unknown_partner_is_created_at_once_in_its_department(france):
    """One decision for the file: the partners nothing recorded bears are created, each in
    the department its "(NN)" gives; a name a recorded place bears is still asked."""
    rows = [
        ["Ville togolaise", "Collectivité française"],
        ["KPALIME", "Commune de Trifouillis-les-Oies (79)"],
        ["BADOU", "Amicale de Nulle-Part (86)"],
        ["BASSAR", "Niort"],
    ]
    kind = KINDS["partnerships"]
    table_ = read_table(xlsx(rows))
    mapping = pipeline.suggest_mapping(kind, table_.header)
    preview = pipeline.preview(kind, table_, mapping, new_country="FR", create_all=True)
    assert preview.clean, [row.messages for row in preview.rows]
    pipeline.commit(preview)
    created = Area.objects.get(name="Trifouillis-les-Oies")
    assert (created.level.code, created.parent.official_code) == ("commune", "79")
    assert Area.objects.get(name="Amicale de Nulle-Part").parent.name == "Vienne"
    # Niort was known: found, not created again.
    assert Area.objects.filter(name="Niort", country__code="FR").count() == 1
