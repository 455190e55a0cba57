"""Documents belong to any record and are read by their audience; agreements remind the
communes' focal points before they end and are flagged once expired."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coopdec.conftest import PDF_BYTES
from coopdec.documents import reminders
from coopdec.documents.models import Document
from coopdec.inventory.completeness import completeness
from coopdec.notifications import outbox, schedule
from coopdec.notifications.models import Notice

pytestmark = pytest.mark.django_db


def attach(owner, *, title, audience="private", kind="report", ends_on=None) -> Document:
    document = Document(
        kind=kind,
        title=title,
        audience=audience,
        content_type="application/pdf",
        size=len(PDF_BYTES),
        ends_on=ends_on,
        published=True,
    )
    document.attach(owner)
    document.file.save(f"{title}.pdf", ContentFile(PDF_BYTES))
    return document


def test_each_audience_reaches_its_readers_and_no_one_else(
    client_for, users, wawa_focal_point, kloto_partnership
):
    kloto_partnership.is_public = True  # the federation shows it on the atlas
    kloto_partnership.save()
    project = kloto_partnership.projects.get()
    private = attach(project, title="Budget detaille", audience="private")
    members = attach(kloto_partnership, title="Rapport annuel", audience="members")
    public = attach(kloto_partnership, title="Plaquette", audience="public")
    readers = {
        "staff": users["staff"],
        "kloto focal point": users["focal_point"],
        "partner": users["partner"],
        "wawa focal point": wawa_focal_point,
        "observer": users["observer"],
        "visitor": None,
    }
    expected = {  # private, members, public
        "staff": (200, 200, 200),
        "kloto focal point": (200, 200, 200),
        "partner": (200, 200, 200),
        "wawa focal point": (404, 200, 200),
        "observer": (404, 200, 200),
        "visitor": (302, 302, 200),
    }
    for name, user in readers.items():
        got = tuple(
            client_for(user).get(document.get_absolute_url()).status_code
            for document in (private, members, public)
        )
        assert got == expected[name], name
    # A visitor is asked to sign in, and is not told whether the document exists.
    visitor = client_for(None)
    assert visitor.get(private.get_absolute_url())["Location"].startswith("/connexion/")
    assert visitor.get("/documents/999999/telecharger/").status_code == 302

    # The public atlas lists the public one only; the project's document shows on the
    # partnership's page to its parties, with its audience.
    atlas = visitor.get(kloto_partnership.get_public_url()).content.decode()
    assert "Plaquette" in atlas and "Rapport annuel" not in atlas and "Budget" not in atlas
    page = client_for(users["focal_point"]).get(kloto_partnership.get_absolute_url())
    text = page.content.decode()
    assert "Budget detaille" in text and "Parties seulement" in text
    page = client_for(wawa_focal_point).get(kloto_partnership.get_absolute_url())
    assert "Rapport annuel" in page.content.decode()
    assert "Budget detaille" not in page.content.decode()


def test_a_document_for_a_record_one_may_not_change_is_refused_and_nothing_is_kept(
    client_for, users, wawa_focal_point, kloto_partnership
):
    before = Document.objects.count()
    form = {
        "kind": "report",
        "title": "Intrus",
        "audience": "public",
        "file": SimpleUploadedFile("intrus.pdf", PDF_BYTES),
    }
    client = client_for(wawa_focal_point)
    url = reverse(
        "documents:document_create", kwargs={"kind": "partnership", "pk": kloto_partnership.pk}
    )
    assert client.post(url, form).status_code == 404
    for kind in ("area", "user", "revision"):  # records that take no documents
        other = reverse("documents:document_create", kwargs={"kind": kind, "pk": 1})
        assert client_for(users["staff"]).post(other, form).status_code == 404
    assert client_for(users["observer"]).post(url, form).status_code == 403
    assert Document.objects.count() == before


def test_a_project_document_is_attached_to_the_project_and_waits_for_validation(
    client_for, users, kloto_partnership
):
    project = kloto_partnership.projects.get()
    client = client_for(users["focal_point"])
    response = client.post(
        reverse("documents:document_create", kwargs={"kind": "project", "pk": project.pk}),
        {
            "kind": "photo",
            "title": "Forage de Kpodzi",
            "audience": "members",
            "file": SimpleUploadedFile("forage.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    document = Document.objects.get(title="Forage de Kpodzi")
    assert (document.owner, document.root) == (project, kloto_partnership)
    assert document.review_state == "pending"
    assert not Document.objects.readable_by(users["observer"]).filter(pk=document.pk).exists()
    # Deleting the project takes its documents with it.
    project.delete()
    assert not Document.objects.filter(pk=document.pk).exists()


def test_focal_points_are_reminded_90_then_30_days_before_an_agreement_ends(
    users, wawa_focal_point, kloto_partnership, mailoutbox
):
    focal = users["focal_point"]
    focal.email = "focal@kloto.tg"
    focal.save()
    now = timezone.now()
    today = timezone.localdate(now)
    agreement = kloto_partnership.documents.get(kind="agreement")
    agreement.ends_on = today + timedelta(days=60)
    agreement.save()
    assert "agreement reminders" in schedule.jobs()

    assert reminders.remind(now) == 1
    assert reminders.remind(now) == 0  # once
    notice = Notice.objects.get(user=focal)
    assert notice.reason == "agreement_90" and notice.subject == agreement
    assert not Notice.objects.filter(user=wawa_focal_point).exists()
    outbox.send_due()
    assert [m.to for m in mailoutbox] == [["focal@kloto.tg"]]
    assert "Convention" in mailoutbox[0].subject
    assert "Kloto 1" in mailoutbox[0].body  # the partnership it belongs to

    later = now + timedelta(days=31)  # 29 days left
    assert reminders.remind(later) == 1
    assert Notice.objects.filter(user=focal).latest("pk").reason == "agreement_30"
    assert reminders.remind(later) == 0

    # Renewed: the new date reminds again, in its time; an expired one never.
    agreement.ends_on = today + timedelta(days=400)
    agreement.save()
    assert reminders.remind(later) == 0
    assert reminders.remind(now + timedelta(days=315)) == 1
    agreement.ends_on = today - timedelta(days=1)
    agreement.save()
    assert reminders.remind(now) == 0


def test_an_expired_agreement_is_flagged_on_the_partnership_and_in_completeness(
    client_for, users, kloto_partnership, kloto_focal_person
):
    today = timezone.localdate()
    agreement = kloto_partnership.documents.get(kind="agreement")
    agreement.ends_on = today - timedelta(days=10)
    agreement.save()
    client = client_for(users["staff"])
    page = client.get(kloto_partnership.get_absolute_url()).content.decode()
    assert "La convention a pris fin le" in page and "expirée" in page
    kloto = completeness(type(kloto_partnership.local_government).objects.filter(slug="kloto-1"))
    assert "agreements_current" in kloto[0].missing

    attach(
        kloto_partnership, title="Avenant", kind="agreement", ends_on=today + timedelta(days=700)
    )
    page = client.get(kloto_partnership.get_absolute_url()).content.decode()
    assert "La convention a pris fin le" not in page
    kloto = completeness(type(kloto_partnership.local_government).objects.filter(slug="kloto-1"))
    assert "agreements_current" not in kloto[0].missing
