"""Acceptance 3: the demo data's IATI export validates against the official 2.03 schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from coopdec.demo.data import load_demo
from coopdec.projects.models import Project

pytestmark = pytest.mark.django_db

# The IATI 2.03 schema, kept in the repository (iati/SOURCE.txt): never skipped.
SCHEMA = Path(__file__).parent / "iati" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_demo_export_is_valid_iati(schema, tmp_path):
    load_demo()
    output = tmp_path / "iati.xml"
    call_command("export_iati", "--output", str(output), verbosity=0)
    document = etree.parse(str(output))
    schema.assertValid(document)

    activities = document.getroot().findall("iati-activity")
    assert len(activities) == Project.objects.published().count() == 3
    water = next(a for a in activities if "eau potable" in a.findtext("title/narrative"))
    assert water.find("activity-status").get("code") == "2"
    assert water.find("sector").get("code") == "14030"  # water and sanitation, from its theme
    disbursements = {
        (t.find("value").get("currency"), t.findtext("value"))
        for t in water.findall("transaction")
        if t.find("transaction-type").get("code") == "3"
    }
    assert disbursements == {("EUR", "9000.00"), ("EUR", "12000.00"), ("XOF", "1500000.00")}
    assert water.find("budget/value").text == f"{15000 + 20000 + 3000000 / 655.957:.2f}"
    assert water.find("result/indicator/period/actual").get("value") == "180.00"
    # No personal data: nobody's name or e-mail from the demo directory is in the file.
    assert b"@example.org" not in output.read_bytes()
    assert b"Mensah" not in output.read_bytes()


def test_pending_projects_stay_out_and_the_download_matches(
    schema, client_for, users, kloto_partnership
):
    Project.objects.create(
        partnership=kloto_partnership, title="Projet en attente", start_date="2025-01-01"
    )
    response = client_for(users["observer"]).get(reverse("projects:iati_export"))
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    assert b"Projet en attente" not in response.content


def test_nothing_to_export_is_said_not_written_as_an_invalid_file(tmp_path, client_for, users):
    from django.core.management.base import CommandError

    output = tmp_path / "iati.xml"
    with pytest.raises(CommandError, match="aucun projet"):
        call_command("export_iati", "--output", str(output))
    assert not output.exists()
    response = client_for(users["staff"]).get(reverse("projects:iati_export"))
    assert response.status_code == 302
