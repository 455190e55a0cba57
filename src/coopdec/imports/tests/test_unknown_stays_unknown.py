"""What a file does not say stays unknown: no status, kind or date is made up, and a year
is kept as a year — on the pages, in the downloads, in the API and the figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from coopdec.imports import pipeline
from coopdec.partnerships.models import Partnership

from .test_local_governments import preview_of

pytestmark = pytest.mark.django_db


def imported(text: str) -> list[Partnership]:
    pipeline.commit(preview_of(text, "partnerships"))
    return list(Partnership.objects.order_by("pk"))


def test_a_file_without_status_kind_or_dates_invents_none(users, bressuire, client_for):
    (partnership,) = imported("Commune;Collectivité partenaire\nKpalimé;Bressuire\n")
    assert (partnership.status, partnership.kind) == ("unknown", "unknown")
    assert partnership.status_since is None and partnership.last_activity_on is None
    assert [(c.status, c.date) for c in partnership.status_changes.all()] == [("unknown", None)]

    staff = client_for(users["staff"])
    page = staff.get(partnership.get_absolute_url()).content.decode()
    assert "Type non précisé · Statut inconnu</p>" in page
    assert "Dernière activité</dt><dd>inconnue</dd>" in page
    # Counted apart in the figures, never as active.
    dashboard = staff.get(reverse("inventory:dashboard")).content.decode()
    assert "Statut inconnu" in dashboard
    assert not Partnership.objects.to_relaunch().exists()


def test_a_year_stays_a_year_everywhere(users, bressuire, client_for):
    (partnership,) = imported(
        "Commune;Collectivité partenaire;Statut;Année de signature;Date de fin\n"
        "Kpalimé;Bressuire;Terminé;2001;2007\n"
    )
    assert (partnership.signature_date, partnership.signature_precision) == (
        date(2001, 1, 1),
        "year",
    )
    assert (partnership.status_since, partnership.status_since_precision) == (
        date(2007, 1, 1),
        "year",
    )
    assert partnership.last_activity_on == date(2007, 1, 1)  # from the file, not today
    assert str(partnership.status_changes.get()) == "Terminé (2007)"

    staff = client_for(users["staff"])
    page = staff.get(partnership.get_absolute_url()).content.decode()
    assert "Signé le</dt><dd>2001</dd>" in page and "Terminé depuis 2007</p>" in page
    assert "1 janvier" not in page
    exported = staff.get(reverse("partnerships:partnership_list") + "?export=csv")
    assert ";2007;2001;" in exported.content.decode("utf-8-sig")

    Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
    shown = client_for(None).get(f"/api/partenariats/{partnership.pk}/").json()
    assert (shown["signature_date"], shown["status_since"], shown["first_contact_date"]) == (
        "2001",
        "2007",
        None,
    )


def test_the_form_keeps_what_is_known_of_a_date(users, bressuire, kloto1, client_for):
    staff = client_for(users["staff"])
    staff.post(
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "kind": "twinning",
            "status": "active",
            "signature_date": "03/2019",
            "first_contact_date": "2017",
        },
    )
    partnership = Partnership.objects.get()
    assert (partnership.signature_date, partnership.signature_precision) == (
        date(2019, 3, 1),
        "month",
    )
    assert partnership.first_contact_precision == "year"
    edit = reverse("partnerships:partnership_edit", kwargs={"pk": partnership.pk})
    page = staff.get(edit).content.decode()
    assert 'value="03/2019"' in page and 'value="2017"' in page
    # A date that is no date says how to write one, and nothing changes.
    response = staff.post(
        edit,
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "kind": "twinning",
            "status": "active",
            "signature_date": "2019-02-30",
        },
    )
    assert "Cette date n&#x27;existe pas." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.signature_precision == "month"
