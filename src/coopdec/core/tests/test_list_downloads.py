"""Every list page downloads what it shows, filters and the reader's scope applied, as CSV
and XLSX; the list of people, personal data, has no download."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from coopdec.conftest import add_partnership
from coopdec.projects.models import Project

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_commune_download_keeps_the_region_filter(client):
    url = reverse("territories:commune_list")
    page = client.get(url, {"region": "savanes"})
    rows = csv_rows(client.get(url, {"region": "savanes", "export": "csv"}))
    assert rows[0][:4] == ["Commune", "Chef-lieu", "Préfecture", "Région"]
    assert {row[3] for row in rows[1:]} == {"Savanes"}
    assert len(rows) - 1 == page.context["page"].paginator.count  # all pages, not the first
    assert "Dapaong" in {row[1] for row in rows[1:]}
    assert 'href="?region=savanes&amp;export=csv"' in page.content.decode()

    workbook = xlsx_rows(client.get(url, {"region": "savanes", "export": "xlsx"}))
    assert [row[0] for row in workbook[1:]] == [row[0] for row in rows[1:]]


def test_the_local_government_download_lists_the_partners_abroad(client, bressuire):
    url = reverse("territories:lg_list")
    rows = csv_rows(client.get(url, {"country": "FR", "export": "csv"}))
    assert rows[1][:4] == ["Bressuire", "Commune", "France", "79049"]
    assert len(rows) == 2


def test_the_project_download_follows_the_reader_scope(client_for, users, kloto1, wawa1, bressuire):
    shown = add_partnership(kloto1, [bressuire])
    hidden = add_partnership(wawa1, [bressuire], published=False)
    Project.objects.create(partnership=shown, title="Forage de Kpimé", published=True)
    Project.objects.create(partnership=hidden, title="=Projet en attente", published=False)
    url = reverse("projects:project_list")

    staff = [row[0] for row in csv_rows(client_for(users["staff"]).get(url, {"export": "csv"}))]
    assert sorted(staff[1:]) == ["'=Projet en attente", "Forage de Kpimé"]
    observer = client_for(users["observer"]).get(url, {"export": "csv"})
    assert [row[0] for row in csv_rows(observer)[1:]] == ["Forage de Kpimé"]
    assert client_for(None).get(url, {"export": "csv"}).status_code == 302  # sign in first


def test_the_organisation_download_has_no_contact(client, twinning_association, kloto_focal_person):
    twinning_association.positions.create(person=kloto_focal_person, role="president")
    response = client.get(reverse("directory:organisation_list"), {"export": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[1][0] == "Comité de jumelage Bressuire-Kpalimé"
    text = repr(rows)
    assert kloto_focal_person.last_name not in text
    assert kloto_focal_person.email not in text


def test_the_list_of_people_downloads_for_the_federation_only(
    client_for, users, kloto_focal_person
):
    """Issue 21: the directory's export is the federation's, never anyone else's."""
    response = client_for(users["staff"]).get(reverse("directory:person_list"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    focal = client_for(users["focal_point"])
    response = focal.get(reverse("directory:person_list"), {"export": "csv"})
    assert response["Content-Type"].startswith("text/html")
    assert 'class="downloads"' not in response.content.decode()
    assert response.context["page"].paginator.count == 1
