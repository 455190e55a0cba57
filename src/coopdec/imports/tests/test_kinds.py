"""Organisations, people, projects and funding lines import as partnerships do: names
resolved against the reference data, one reason per faulty row, undo to the exact former
state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopdec.conftest import add_partnership, commune
from coopdec.directory.models import Organisation, Person, Position
from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table
from coopdec.projects.models import FundingLine, Project
from coopdec.volunteers import services
from coopdec.volunteers.models import Invitation, Mission, Volunteer

from .conftest import snapshot, xlsx

pytestmark = pytest.mark.django_db


def preview(kind: str, rows: list[list]) -> pipeline.Preview:
    table = read_table(xlsx(rows))
    importer = KINDS[kind]
    return pipeline.preview(importer, table, pipeline.suggest_mapping(importer, table.header))


def messages(result: pipeline.Preview) -> list[list[str]]:
    return [row.messages for row in result.rows]


def commit_and_undo(result: pipeline.Preview, before: dict, user) -> None:
    run = pipeline.commit(result, author=user, file_name="liste.xlsx")
    assert snapshot() != before
    pipeline.undo(run, author=user)
    assert snapshot() == before


def test_organisations_take_their_kind_country_and_seat(bressuire, users):
    before = snapshot()
    result = preview(
        "organisations",
        [
            ["Nom", "Sigle", "Type", "Pays", "Siège"],
            ["Amitié Bressuire Kpalimé", "ABK", "Comité de jumelage", "France", "BRESSUIRE (79)"],
            ["Eau Vive", "", "ONG ou association", "FR", ""],
            ["Sans pays", "", "", "Atlantide", ""],
        ],
    )
    assert [row.status for row in result.rows] == ["new", "new", "error"]
    assert messages(result)[2] == ["Pays\u202f: « Atlantide » n'est pas un pays connu."]
    result.rows.pop()
    run = pipeline.commit(result, author=users["staff"])
    abk = Organisation.objects.get(acronym="ABK")
    assert (abk.kind, abk.country.code, abk.based_in) == ("twinning_association", "FR", bressuire)
    assert Organisation.objects.get(name="Eau Vive").kind == "ngo"
    assert abk.slug == "amitie-bressuire-kpalime"
    # Found again whatever the case and punctuation; a column left out changes nothing.
    again = preview("organisations", [["Nom", "Pays"], ["AMITIÉ Bressuire-Kpalimé", "France"]])
    assert [row.status for row in again.rows] == ["update"]  # the name as now written
    same = preview("organisations", [["Nom", "Pays"], ["Amitié Bressuire Kpalimé", "France"]])
    assert [row.status for row in same.rows] == ["unchanged"]

    pipeline.undo(run, author=users["staff"])
    assert snapshot() == before


def test_people_hold_a_position_found_by_seat_town(kloto1, twinning_association, users):
    known = Person.objects.create(first_name="Kodjo", last_name="Adjé", phone="90 11 11 11")
    known.positions.create(role="mayor", area=kloto1)
    before = snapshot()
    result = preview(
        "people",
        [
            ["Prénom", "Nom", "Courriel", "Téléphone", "Fonction", "Commune", "Structure"],
            [
                "Afi",
                "MENSAH",
                "Afi.Mensah@exemple.tg",
                "",
                "Point focal coopération",
                "KPALIME",
                "",
            ],
            ["Kodjo", "ADJE", "", "90 22 22 22", "Maire", "Kloto 1", ""],
            ["Paul", "Martin", "", "", "Président", "", "Comité de jumelage Bressuire-Kpalimé"],
            ["Sans", "Attache", "", "", "", "", ""],
            ["Mauvais", "Courriel", "pas-un-courriel", "", "", "Kloto 1", ""],
        ],
    )
    assert [row.status for row in result.rows] == ["new", "update", "new", "error", "error"]
    assert "commune ou l'organisation" in messages(result)[3][0]
    assert "n'est pas une adresse" in messages(result)[4][0]
    assert result.rows[0].resolved["local_government"] == "Kloto 1 (Togo)"
    # The report names the bodies, never the people's details.
    assert "exemple.tg" not in repr(result.report())
    del result.rows[3:]

    run = pipeline.commit(result, author=users["staff"])
    afi = Person.objects.get(last_name="MENSAH")
    assert afi.email == "afi.mensah@exemple.tg"
    assert afi.positions.get().role == "focal_point"
    known.refresh_from_db()
    assert known.phone == "90 22 22 22" and known.positions.count() == 1
    assert Position.objects.get(person__last_name="Martin").organisation == twinning_association

    pipeline.undo(run, author=users["staff"])
    assert snapshot() == before


def test_projects_find_their_partnership(kloto1, wawa1, bressuire, users):
    kloto = add_partnership(kloto1, [bressuire])
    add_partnership(wawa1, [bressuire], name="Wawa 1 – Bressuire")
    add_partnership(wawa1, [], name="Wawa 1 – seule")
    before = snapshot()
    result = preview(
        "projects",
        [
            ["Commune", "Projet", "Statut", "Début", "Fin", "Thématiques", "Partenaire"],
            ["Kloto 1", "Forages", "En cours", "2019", "31/12/2021", "Eau et assainissement", ""],
            ["Wawa 1", "Cantine", "", "2020", "", "", ""],
            ["Wawa 1", "Bibliothèque", "Terminé", "2010", "2012", "", "Bressuire"],
            ["Kloto 1", "À l'envers", "", "2020", "2019", "", ""],
            [commune("tone-1").name, "Ailleurs", "", "", "", "", ""],
        ],
    )
    assert [row.status for row in result.rows] == ["new", "error", "new", "error", "error"]
    assert "2 partenariats" in messages(result)[1][0]
    assert "ne peut pas finir avant" in messages(result)[3][0]
    assert "n'a pas encore de partenariat" in messages(result)[4][0]
    del result.rows[3:]
    del result.rows[1]

    run = pipeline.commit(result, author=users["staff"])
    forages = Project.objects.get(title="Forages")
    assert (forages.partnership, forages.status, forages.published) == (kloto, "ongoing", True)
    assert [theme.code for theme in forages.themes.all()] == ["water-sanitation"]
    library = Project.objects.get(title="Bibliothèque")
    assert library.partnership.name == "Wawa 1 – Bressuire"
    assert Project.objects.search("bibliotheque").get() == library

    pipeline.undo(run, author=users["staff"])
    assert snapshot() == before


def test_funding_lines_read_amounts_currencies_and_funders(
    kloto1, bressuire, twinning_association, users
):
    partnership = add_partnership(kloto1, [bressuire])
    project = Project.objects.create(partnership=partnership, title="Forages", published=True)
    twinning_association.acronym = "ABK"
    twinning_association.save()
    before = snapshot()
    result = preview(
        "funding_lines",
        [
            ["Commune", "Projet", "Bailleur", "Dispositif", "Montant", "Versé", "Année", "Devise"],
            [
                "KPALIME",
                "Forages",
                "Bressuire",
                "1 % eau et assainissement",
                "12 000 €",
                "8000",
                "2019",
                "",
            ],
            [
                "Kloto 1",
                "FORAGES",
                "Comité de jumelage Bressuire-Kpalimé",
                "",
                "1 500 000 FCFA",
                "",
                "mars 2020",
                "",
            ],
            ["Kloto 1", "Forages", "Bressuire", "", "1 000", "", "2021", "USD"],
            ["Kloto 1", "Forages", "Bressuire", "", "1 000 €", "500 FCFA", "2022", ""],
            ["Kloto 1", "Puits", "Bressuire", "", "1 000 €", "", "2022", ""],
            ["Kloto 1", "Forages", "Bressuire", "", "-5 €", "", "2022", ""],
        ],
    )
    assert [row.status for row in result.rows] == ["new", "new", *["error"] * 4]
    assert "taux" in messages(result)[2][0]
    assert "plusieurs devises" in messages(result)[3][0]
    assert "pas de projet de ce titre" in messages(result)[4][0]
    assert "négatif" in messages(result)[5][0]
    del result.rows[2:]

    first = pipeline.commit(result, author=users["staff"])
    euros, francs = FundingLine.objects.filter(project=project).order_by("date")
    assert (euros.funder_government, euros.instrument) == (bressuire, "one_percent_water")
    assert (euros.currency.code, euros.planned, euros.disbursed) == ("EUR", 12000, 8000)
    assert euros.planned_xof == Decimal("7871484")  # 12,000 € at the fixed parity
    assert (francs.funder_organisation, francs.currency.code) == (twinning_association, "XOF")
    assert francs.planned_eur == Decimal("2286.74")
    again = preview(
        "funding_lines",
        [
            ["Commune", "Projet", "Bailleur", "Montant", "Date"],
            ["Kloto 1", "Forages", "Bressuire", "12 500 EUR", "2019"],
            ["Kloto 1", "Forages", "ABK", "1 600 000 F CFA", "mars 2020"],
        ],
    )
    # The first line's instrument is not "other": another line; the second is the same
    # funder (by acronym), date and instrument: an update of the amount.
    assert [row.status for row in again.rows] == ["new", "update"]

    commit_and_undo(again, snapshot(), users["staff"])

    # A funder nobody knows yet, created with the import at the user's request.
    table = read_table(
        xlsx(
            [
                ["Commune", "Projet", "Bailleur", "Montant", "Date"],
                ["Kloto 1", "Forages", "Agence de l'eau Loire-Bretagne", "5 000 €", "2023"],
            ]
        )
    )
    importer = KINDS["funding_lines"]
    mapping = pipeline.suggest_mapping(importer, table.header)
    assert pipeline.preview(importer, table, mapping).rows[0].status == "unresolved"
    picked = {"funder": {"Agence de l'eau Loire-Bretagne": "new"}}
    result = pipeline.preview(importer, table, mapping, picked, new_country="FR")
    assert result.rows[0].status == "new"
    kept = snapshot()
    run = pipeline.commit(result, author=users["staff"])
    line = FundingLine.objects.get(funder_organisation__name="Agence de l'eau Loire-Bretagne")
    assert (line.funder_organisation.country.code, line.planned_eur) == ("FR", 5000)
    pipeline.undo(run, author=users["staff"])
    assert snapshot() == kept
    pipeline.undo(first, author=users["staff"])
    assert snapshot() == before


def test_missions_find_or_make_their_volunteer_and_get_their_waves(
    kloto1, bressuire, twinning_association, users
):
    known = services.write_volunteer(
        Volunteer(), {"name": "Awa Kponton", "email": "awa.kponton@exemple.tg"}
    )
    services.write_mission(
        Mission(volunteer=known),
        {"scheme": "vsi", "host_government": kloto1, "planned_start": date(2024, 9, 1)},
    )
    before = snapshot()
    header = ["Volontaire", "Courriel", "Genre", "Dispositif", "Structure d'envoi"]
    header += ["Commune d'accueil", "Début prévu", "Fin prévue"]
    sender = "Comité de jumelage Bressuire-Kpalimé"
    result = preview(
        "missions",
        [
            header,
            ["Akouvi LAWSON", "Akouvi@Exemple.tg", "F", "Réciprocité", "", "Bressuire"]
            + ["01/09/2026", "30/06/2027"],
            ["Akouvi Lawson", "akouvi@exemple.tg", "F", "Service civique", sender, "Kloto 1"]
            + ["01/09/2027", "30/04/2028"],
            ["Awa Kponton", "awa.kponton@exemple.tg", "", "VSI", "", "Kloto 1"]
            + ["01/09/2024", ""],
            ["Yao Amegah", "", "H", "VSI", "", "Kloto 1", "2025", ""],
            ["Kossi Agbodjan", "", "H", "VSI", "", "Kloto 1", "01/09/2026", "01/03/2026"],
            ["Ama Lawson", "pas-un-courriel", "F", "VSI", "", "Kloto 1", "01/09/2026", ""],
        ],
    )
    assert [row.status for row in result.rows] == [
        "new",
        "new",
        "unchanged",
        "error",
        "error",
        "error",
    ]
    assert "pas-un-courriel" in " ".join(messages(result)[5])
    assert "le jour, le mois et l'année" in " ".join(messages(result)[3]).replace("’", "'")
    assert "se termine avant de commencer" in " ".join(messages(result)[4])
    # The report names the hosts, never the volunteers' details.
    assert "exemple.tg" not in repr(result.report())
    del result.rows[3:]
    run = pipeline.commit(result, author=users["staff"])
    akouvi = Volunteer.objects.get(email="akouvi@exemple.tg")  # one person, two missions
    assert akouvi.gender == "woman"
    assert sorted(akouvi.missions.values_list("scheme", flat=True)) == [
        "civic_service",
        "reciprocity",
    ]
    assert Invitation.objects.filter(mission__volunteer=akouvi).count() == 10
    assert known.missions.count() == 1

    pipeline.undo(run, author=users["staff"])
    assert snapshot() == before


def test_each_blank_template_imports_its_own_example(
    client_for, users, kloto1, bressuire, twinning_association
):
    """The templates, downloaded and sent back as they are, in the order a federation
    fills its records: every column is recognised and every example row imports."""
    client = client_for(users["staff"])
    for key in (
        "local_governments",
        "organisations",
        "partnerships",
        "projects",
        "funding_lines",
        "people",
        "missions",
    ):
        response = client.get(reverse("imports:template", args=[key]))
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        table = read_table(SimpleUploadedFile("modele.xlsx", response.content))
        importer = KINDS[key]
        mapping = pipeline.suggest_mapping(importer, table.header)
        assert len(mapping) == len(importer.columns), key
        result = pipeline.preview(importer, table, mapping)
        assert result.clean, (key, result.report()["rows"])
        pipeline.commit(result, author=users["staff"])
    assert Person.objects.get(last_name="MENSAH").positions.get().area == kloto1
    assert FundingLine.objects.get().planned_eur == 12000
    mission = Mission.objects.select_related("volunteer").get()
    assert mission.host_government == bressuire and mission.invitations.count() == 5

    assert client.get(reverse("imports:template", args=["nothing"])).status_code == 404
    assert (
        client_for(users["focal_point"])
        .get(reverse("imports:template", args=["people"]))
        .status_code
        == 403
    )
