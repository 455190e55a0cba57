"""The open data's datapackage.json describes every CSV file (fields, types, keys), and
Frictionless validates each file against it: what programs read is what the page says."""

from __future__ import annotations

import json
from datetime import date

import pytest
from frictionless import Package

from coopdec.conftest import add_partnership
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Project
from coopdec.public import opendata

from .test_open_data import download

pytestmark = pytest.mark.django_db


def test_every_open_data_file_is_valid_against_the_datapackage(
    client, written, kloto_partnership, wawa1, bressuire, tmp_path
):
    # Public records with everything a file can hold: a year-only signature, decimals.
    Partnership.objects.filter(pk=kloto_partnership.pk).update(
        is_public=True, signature_date=date(2001, 1, 1), signature_precision="year"
    )
    Project.objects.filter(partnership=kloto_partnership).update(is_public=True)
    FundingLine.objects.filter(project__partnership=kloto_partnership).update(planned="1234.56")
    add_partnership(wawa1, [bressuire], is_public=True, status="unknown")
    written()

    package = json.loads(download(client, opendata.PACKAGE_FILE))
    assert {r["path"] for r in package["resources"]} == {f"{key}.csv" for key in opendata.DATASETS}
    for name in [r["path"] for r in package["resources"]]:
        (tmp_path / name).write_bytes(download(client, name))
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    report = Package(str(tmp_path / "datapackage.json")).validate()
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, problems[:10]
    # The CSV says 1234,56 for a spreadsheet set to French; the package says how to read it.
    funding = (tmp_path / "financements.csv").read_text(encoding="utf-8-sig")
    assert ";1234,56;" in funding
    partnerships = (tmp_path / "partenariats.csv").read_text(encoding="utf-8-sig")
    assert ";2001;" in partnerships


def test_a_broken_file_is_caught_by_the_package(client, written, kloto_partnership, tmp_path):
    """The test above would see a file that breaks its description."""
    Partnership.objects.filter(pk=kloto_partnership.pk).update(is_public=True)
    written()
    package = json.loads(download(client, opendata.PACKAGE_FILE))
    for resource in package["resources"]:
        (tmp_path / resource["path"]).write_bytes(download(client, resource["path"]))
    broken = (tmp_path / "partenariats.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = broken[1].split(";")
    cells[0] = "not-a-number"
    (tmp_path / "partenariats.csv").write_text("\n".join([broken[0], ";".join(cells)]) + "\n")
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert not Package(str(tmp_path / "datapackage.json")).validate().valid
