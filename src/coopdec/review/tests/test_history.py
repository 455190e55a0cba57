"""Acceptance 3: a partnership's history reads as the pages do — labels and values in the
reader's language, its events', projects', funding's and documents' changes, deleted parts
kept — and a focal point reads the history of its own commune's records."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from coopdec.partnerships.models import Event


def rows(page: str) -> list[str]:
    """The history table's rows as text, tags removed."""
    table = page[page.index('class="table history"') : page.index("</table>")]
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", re.sub(r"</(td|li)>", " ", row))).split())
        for row in table.split("<tr>")[2:]
    ]


def test_the_partnership_history_reads_like_the_pages_in_french_and_english(
    client_for, users, kloto_partnership, water, settings
):
    staff = client_for(users["staff"])
    project = kloto_partnership.projects.get()
    event = kloto_partnership.events.get()
    line = project.funding_lines.get()
    # Through the pages, as the federation works.
    staff.post(
        reverse("projects:project_edit", args=[project.pk]),
        {"title": "Eau potable", "status": "completed", "start_date": "2024-01-01"},
    )
    staff.post(
        reverse("partnerships:event_edit", args=[event.pk]),
        {"kind": "mission", "title": "Visite", "date": "2024-06-15", "place": "Kpalimé"},
    )
    staff.post(
        reverse("projects:funding_edit", args=[line.pk]),
        {
            "funder_organisation": line.funder_organisation_id,
            "instrument": "own_funds",
            "currency": line.currency_id,
            "planned": "2500",
            "committed": "0",
            "disbursed": "0",
            "date": "2024-01-01",
            "units_per_euro": "1",
        },
    )
    kloto_partnership.themes.add(water)
    Event.objects.create(
        partnership=kloto_partnership, kind="visit", title="Visite annulée", date="2024-09-01"
    ).delete()

    url = reverse("partnerships:partnership_history", args=[kloto_partnership.pk])
    french = rows(staff.get(url).content.decode())
    assert any(
        "Modifié — Projet « Eau potable »" in r
        and "Statut : Prévu → Achevé" in r
        and "Intitulé : Eau → Eau potable" in r
        for r in french
    ), french
    assert any(
        "Modifié — Événement « Visite" in r
        and "Date : 2 mai 2024 → 15 juin 2024" in r
        and "Type : Visite → Mission" in r
        for r in french
    ), french
    assert any("Prévu : 1 000,00 EUR → 2 500,00 EUR" in r for r in french), french
    assert any("Thématiques : ajout de « Eau et assainissement »" in r for r in french), french
    assert any("Supprimé — Événement « Visite annulée (2024-09-01) »" in r for r in french), french
    assert any("Créé — Document « Convention »" in r for r in french), french
    assert any(r.split()[2] == "staff" for r in french)  # who, not a bare key
    for row in french:  # no developer output
        assert not re.search(r"\b(None|True|False|update|create)\b|\.None|: — → —", row), row

    settings.LANGUAGE_CODE = "en"
    english = rows(staff.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert any(
        "Changed — Project “Eau potable”" in r and "Status: Planned → Completed" in r
        for r in english
    ), english
    assert any("Date: 2 May 2024 → 15 June 2024" in r for r in english), english
    assert any("Planned: 1,000.00 EUR → 2,500.00 EUR" in r for r in english), english
    assert any("Themes: added “Water and sanitation”" in r for r in english), english


def test_a_focal_point_reads_the_history_of_its_communes_records_only(
    client_for, users, wawa_focal_point, kloto_partnership
):
    url = reverse("partnerships:partnership_history", args=[kloto_partnership.pk])
    commune = reverse("territories:commune_history", args=["kloto-1"])
    focal = client_for(users["focal_point"])
    assert focal.get(url).status_code == 200
    assert focal.get(commune).status_code == 200
    page = focal.get(kloto_partnership.get_absolute_url()).content.decode()
    assert url in page  # the link is offered
    wawa = client_for(wawa_focal_point)
    assert wawa.get(url).status_code == 403
    assert wawa.get(commune).status_code == 403
    assert client_for(users["partner"]).get(url).status_code == 403
