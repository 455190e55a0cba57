"""Acceptance 3: the demo data's IATI export validates against the official 2.03 schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from coopdec.demo.data import load_demo
from coopdec.projects import iati
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
    # The three projects, and above the one in their partnerships the two programmes: the
    # concerted programme and the volunteering one (issue 20).
    assert len(activities) == Project.objects.published().count() + 2 == 5
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


def test_a_programme_is_the_parent_of_its_partnerships_projects(schema):
    """Acceptance 5 (issue 19): the demo's concerted programme is a parent activity
    (hierarchy 1) with its paid contributions as incoming funds; the Kloto 1 – Bressuire
    project, in one of its partnerships, is its child, and each points to the other."""
    from coopdec.demo.programmes import MEMBERS, NAME, UNPAID_2008
    from coopdec.demo.volunteers import PROGRAMME

    load_demo()
    document = etree.fromstring(iati.export())
    schema.assertValid(document)
    by_title = {a.findtext("title/narrative"): a for a in document.findall("iati-activity")}
    programme, volunteering = by_title[NAME], by_title[PROGRAMME]
    child = next(a for title, a in by_title.items() if "eau potable" in title)
    others = [a for a in by_title.values() if a not in (programme, volunteering, child)]
    assert programme.get("hierarchy") == "1" and child.get("hierarchy") == "2"
    programme_id = programme.findtext("iati-identifier")
    child_id = child.findtext("iati-identifier")
    assert [(r.get("type"), r.get("ref")) for r in programme.findall("related-activity")] == [
        ("2", child_id)
    ]
    assert [(r.get("type"), r.get("ref")) for r in child.findall("related-activity")] == [
        ("1", programme_id),
        ("1", volunteering.findtext("iati-identifier")),
    ]
    assert all(not a.findall("related-activity") for a in others)
    incoming = [
        t for t in programme.findall("transaction") if t.find("transaction-type").get("code") == "1"
    ]
    assert len(incoming) == 3 * len(MEMBERS) - len(UNPAID_2008)
    assert {t.findtext("value") for t in incoming} == {"350.00"}
