"""The partnership list downloads what it shows, filters applied; acceptance 5 of the
spreadsheet issue: a name starting with "=" opens as text, not as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from coopdec.conftest import add_partnership

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.org/vol","Cliquez")'


@pytest.fixture
def listed(kloto1, wawa1, bressuire):
    trap = add_partnership(kloto1, [bressuire], name=FORMULA, status="active")
    other = add_partnership(wawa1, [bressuire], name="@SUM(1+1)", status="dormant")
    return trap, other


def rows_of_csv(response) -> list[list[str]]:
    assert response["Content-Disposition"] == 'attachment; filename="partenariats.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_name_starting_with_equals_opens_as_text(client_for, users, listed):
    client = client_for(users["staff"])
    url = reverse("partnerships:partnership_list")
    rows = rows_of_csv(client.get(url, {"export": "csv"}))
    assert rows[0][:3] == ["Partenariat", "Commune ou région", "Partenaires"]
    names = sorted(row[0] for row in rows[1:])
    assert names == ["'" + FORMULA, "'@SUM(1+1)"]

    response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [sheet.cell(row=n, column=1) for n in (2, 3)]
    assert {cell.value for cell in cells} == {FORMULA, "@SUM(1+1)"}
    assert all(cell.data_type == "s" for cell in cells)  # text, not formulas


def test_the_download_keeps_the_filters_and_the_scope(client_for, users, listed):
    trap, _other = listed
    url = reverse("partnerships:partnership_list")
    rows = rows_of_csv(client_for(users["staff"]).get(url, {"status": "active", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["'" + FORMULA]
    assert rows[1][1:3] == ["Kloto 1", "Bressuire (FR)"]
    # The Wawa 1 focal point sees published partnerships only, and no e-mail is in the file.
    focal = client_for(users["focal_point"])
    text = focal.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    assert "@example.org" not in text
