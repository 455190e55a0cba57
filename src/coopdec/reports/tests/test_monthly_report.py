"""The March monthly report, drafted by the worker, as PDF (its text read back) and as an
editable document (opened with python-docx): the new partnerships, the actions and the
problems of March are in it; a month with no data says so; a month to come is refused."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document as Docx
from pypdf import PdfReader

from coopdec.conftest import add_partnership, foreign
from coopdec.directory.models import Organisation
from coopdec.meetings import services as meetings
from coopdec.meetings.models import Action, Item, Outcome
from coopdec.notifications.models import Notice
from coopdec.partnerships.models import Partnership
from coopdec.reports.models import MonthlyReport
from coopdec.territories.models import Country

pytestmark = pytest.mark.django_db
LOME = ZoneInfo("Africa/Lome")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = Docx(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.fixture
def march(db, kloto1, wawa1):
    """A partnership recorded in March 2026 and one in February; the March committee with
    a problem, its solution and two actions (one done in March, one open)."""
    niort = foreign("FR", "Niort")
    new = add_partnership(kloto1, [niort], name="Kloto 1 – Niort")
    older = add_partnership(wawa1, [niort], name="Wawa 1 – Niort")
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Partnership))
    entries.filter(object_pk=str(new.pk)).update(timestamp=datetime(2026, 3, 5, 10, tzinfo=UTC))
    entries.filter(object_pk=str(older.pk)).update(timestamp=datetime(2026, 2, 5, 10, tzinfo=UTC))
    fct = Organisation.objects.create(
        name="FCT", slug="fct", kind="network", country=Country.objects.get(code="TG")
    )
    meeting = meetings.create_meeting(
        {
            "title": "Comité de pilotage de mars",
            "kind": "steering_committee",
            "starts_at": datetime(2026, 3, 10, 9, tzinfo=LOME),
        }
    )
    item = meetings.write_item(Item(meeting=meeting), {"title": "Travaux du mois"})
    meetings.write_outcome(
        Outcome(item=item), {"kind": "problem", "text": "Des communes sans point focal."}
    )
    meetings.write_outcome(
        Outcome(item=item), {"kind": "solution", "text": "Écrire aux maires concernés."}
    )
    done = meetings.write_action(
        Action(item=item),
        {"title": "Écrire aux maires", "owner_organisation": fct, "due_on": date(2026, 3, 20)},
    )
    meetings.set_action_status(done, "done", date(2026, 3, 18))
    meetings.write_action(
        Action(item=item),
        {"title": "Préparer la formation", "owner_organisation": fct, "due_on": date(2026, 4, 20)},
    )


def test_the_march_report_drafted_by_the_worker(
    march, users, client_for, run_queued, django_capture_on_commit_callbacks
):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:list"), {"month": "2026-03"})
    report = MonthlyReport.objects.get()
    assert response.status_code == 302 and report.state == "queued"
    assert run_queued() == 1
    report.refresh_from_db()
    assert report.state == "ready" and not report.empty
    for text in (pdf_text(report.pdf.read()), docx_text(report.docx.read())):
        assert "Kloto 1 – Niort" in text  # new in March
        assert "Wawa 1 – Niort" not in text  # February's
        assert "Écrire aux maires" in text and "Préparer la formation" in text
        assert "Des communes sans point focal." in text
        assert "Écrire aux maires concernés." in text
        # The key figures with their charts (drawn in the PDF, tables in the document).
        assert "Partenariats par statut" in text and "Financements par année" in text
    # Downloads for the federation; observers see nothing until it is issued.
    assert client.get(reverse("reports:file", args=[report.pk, "pdf"])).status_code == 200
    observer = client_for(users["observer"])
    assert observer.get(report.get_absolute_url()).status_code == 404
    staff = client_for(users["staff"])
    staff.post(report.get_absolute_url(), {"foreword": "Un mois de reprise."})
    report.refresh_from_db()
    assert report.state == "issued"
    assert "Un mois de reprise." in pdf_text(report.pdf.read())
    assert Notice.objects.filter(user=users["observer"], reason="report_issued").exists()
    observer = client_for(users["observer"])
    assert observer.get(reverse("reports:file", args=[report.pk, "docx"])).status_code == 200


def test_a_month_without_data_says_so(db, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("monthly_report", month="2025-07", output=str(output), stdout=io.StringIO())
    assert "Rien n’a été enregistré pour juillet 2025" in pdf_text(output.read_bytes())
    output = tmp_path / "report.docx"
    call_command("monthly_report", month="2025-07", output=str(output), stdout=io.StringIO())
    assert "Rien n’a été enregistré pour juillet 2025" in docx_text(output.read_bytes())


def test_a_month_to_come_or_malformed_is_refused(users, client_for, tmp_path):
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    response = client.post(reverse("reports:list"), {"month": "2099-01"})
    assert response.status_code == 200
    assert "n’a pas commencé" in response.content.decode()
    assert not MonthlyReport.objects.exists()
    for month in ("2099-01", "mars", "2026-13"):
        with pytest.raises(CommandError):
            call_command("monthly_report", month=month, output=str(tmp_path / "r.pdf"))
    with pytest.raises(CommandError):
        call_command("monthly_report", month="2026-03", output=str(tmp_path / "r.odt"))
