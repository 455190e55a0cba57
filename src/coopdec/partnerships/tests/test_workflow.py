"""Acceptance 1: a focal point records a whole partnership; the federation validates it; a
focal point of another commune can touch none of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopdec.conftest import PDF_BYTES
from coopdec.documents.models import Document
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Indicator, Project
from coopdec.review.models import Revision
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Currency

pytestmark = pytest.mark.django_db


def post(client, url, data, status=302):
    response = client.post(url, data)
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def record_partnership(client, kloto1, bressuire, association) -> Partnership:
    """What the focal point of Kloto 1 types in, page by page."""
    post(
        client,
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "supporting_organisations": [association.pk],
            "kind": "twinning",
            "status": "active",
            "status_since": "2024-03-01",
            "first_contact_date": "2019-05-10",
            "signature_date": "2021-11-20",
            "themes": [Theme.objects.get(code="water-sanitation").pk],
        },
    )
    partnership = Partnership.objects.get(local_government=kloto1)
    post(
        client,
        reverse("documents:document_create", kwargs={"kind": "partnership", "pk": partnership.pk}),
        {
            "kind": "agreement",
            "title": "Convention de jumelage signée",
            "signed_on": "2021-11-20",
            "ends_on": "2026-11-20",
            "audience": "private",
            "file": SimpleUploadedFile("convention.pdf", PDF_BYTES),
        },
    )
    post(
        client,
        reverse("projects:project_create", kwargs={"pk": partnership.pk}),
        {
            "title": "Adduction d'eau à Kpalimé",
            "status": "ongoing",
            "start_date": "2024-01-15",
            "end_date": "2026-12-31",
            "areas": [kloto1.pk],
        },
    )
    project = Project.objects.get(partnership=partnership)
    for line in (
        {
            "funder_organisation": association.pk,
            "instrument": "one_percent_water",
            "currency": Currency.objects.get(code="EUR").pk,
            "planned": "15000",
            "committed": "15000",
            "disbursed": "5000",
            "date": "2024-02-01",
        },
        {
            "funder_government": kloto1.pk,
            "instrument": "own_funds",
            "currency": Currency.objects.get(code="XOF").pk,
            "planned": "3279785",
            "committed": "0",
            "disbursed": "0",
            "date": "2024-02-01",
        },
    ):
        post(client, reverse("projects:funding_create", kwargs={"pk": project.pk}), line)
    post(
        client,
        reverse("projects:indicator_create", kwargs={"pk": project.pk}),
        {
            "name": "Ménages raccordés à l'eau potable",
            "unit": "ménages",
            "baseline": "0",
            "baseline_date": "2024-01-15",
            "target": "400",
            "target_date": "2026-12-31",
        },
    )
    return partnership


def test_focal_point_records_federation_validates(
    client_for, users, kloto1, bressuire, twinning_association
):
    focal, staff = users["focal_point"], users["staff"]
    client = client_for(focal)
    partnership = record_partnership(client, kloto1, bressuire, twinning_association)
    project = partnership.projects.get()

    # Everything waits for validation; the focal point sees it, others do not.
    assert Revision.objects.pending().within(partnership).count() == 6
    assert not Partnership.objects.published().exists()
    page = client.get(partnership.get_absolute_url())
    assert "en attente de validation" in page.content.decode()
    assert client_for(users["observer"]).get(partnership.get_absolute_url()).status_code == 404
    assert client_for(users["observer"]).get(project.get_absolute_url()).status_code == 404

    # Amounts were converted at the fixed parity, both ways.
    euros, francs = project.funding_lines.order_by("pk")
    assert (euros.planned_xof, euros.planned_eur) == (Decimal("9839355"), Decimal("15000.00"))
    assert (francs.planned_eur, francs.planned_xof) == (Decimal("5000.00"), Decimal("3279785"))

    # The federation sees the proposals, field by field, and accepts them all.
    client = client_for(staff)
    groups = client.get(reverse("review:queue")).context["groups"]
    assert sum(g["count"] for g in groups if g["commune"] == kloto1.pk) == 6
    review = client.get(reverse("review:queue"), {"commune": kloto1.pk})
    assert "Bressuire" in review.content.decode()
    assert len(review.context["proposals"]) == 6
    post(client, reverse("review:accept_all"), {"commune": kloto1.pk})

    assert Partnership.objects.published().filter(pk=partnership.pk).exists()
    assert Project.objects.published().count() == 1
    assert FundingLine.objects.published().count() == 2
    assert Indicator.objects.published().count() == 1
    assert Document.objects.published().count() == 1
    observer = client_for(users["observer"])
    assert observer.get(partnership.get_absolute_url()).status_code == 200
    detail = observer.get(project.get_absolute_url())
    assert detail.context["totals"]["planned_eur"] == Decimal("20000.00")

    # The history tells who proposed and who accepted each step.
    history = client_for(staff).get(
        reverse("partnerships:partnership_history", kwargs={"pk": partnership.pk})
    )
    revisions = list(history.context["revisions"])
    assert len(revisions) == 6
    assert {(r.author, r.reviewer, r.state) for r in revisions} == {(focal, staff, "accepted")}
    assert history.context["entries"][0].actor == staff  # the publication
    assert history.context["entries"][-1].actor == focal  # the creation


def test_a_change_to_published_data_waits_and_shows_before_after(
    client_for, users, kloto1, bressuire, twinning_association
):
    focal, staff = users["focal_point"], users["staff"]
    partnership = record_partnership(client_for(focal), kloto1, bressuire, twinning_association)
    from coopdec.review import services

    services.accept_all(Revision.objects.pending().within(partnership), staff)
    line = FundingLine.objects.get(currency__code="EUR")

    post(
        client_for(focal),
        reverse("projects:funding_edit", kwargs={"pk": line.pk}),
        {
            "funder_organisation": twinning_association.pk,
            "instrument": "one_percent_water",
            "currency": line.currency_id,
            "planned": "15000",
            "committed": "15000",
            "disbursed": "12000",
            "date": "2024-02-01",
        },
    )
    line.refresh_from_db()
    assert line.disbursed == Decimal("5000.00")  # unchanged until accepted

    client = client_for(staff)
    review = client.get(reverse("review:queue"), {"commune": kloto1.pk})
    [(revision, changes)] = review.context["proposals"]
    assert [(c.before, c.after) for c in changes] == [("5000.00", "12000.00")]

    response = client.post(
        reverse("review:decide", kwargs={"pk": revision.pk}), {"decision": "reject"}
    )
    revision.refresh_from_db()
    assert revision.state == "pending"  # a rejection needs a reason
    client.post(
        reverse("review:decide", kwargs={"pk": revision.pk}),
        {"decision": "reject", "message": "Le virement n'est pas encore arrivé."},
    )
    revision.refresh_from_db()
    assert (revision.state, revision.reviewer) == ("rejected", staff)
    line.refresh_from_db()
    assert line.disbursed == Decimal("5000.00")
    assert response.status_code == 302


def test_federation_changes_are_published_at_once(client_for, users, kloto1, bressuire):
    client = client_for(users["staff"])
    post(
        client,
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "kind": "friendship",
            "status": "exploring",
            "status_since": "2025-01-01",
        },
    )
    partnership = Partnership.objects.get()
    assert partnership.published and not Revision.objects.exists()
    assert str(partnership) == "Kloto 1 – Bressuire"
    assert partnership.status_changes.get().status == "exploring"


def test_wawa_focal_point_can_touch_nothing_of_kloto(
    client_for, users, wawa_focal_point, kloto1, bressuire, twinning_association
):
    partnership = record_partnership(
        client_for(users["focal_point"]), kloto1, bressuire, twinning_association
    )
    project = partnership.projects.get()
    line = project.funding_lines.first()
    indicator = project.indicators.get()
    document = partnership.documents.get()
    client = client_for(wawa_focal_point)

    def routes():
        return [
            reverse("partnerships:partnership_detail", kwargs={"pk": partnership.pk}),
            reverse("projects:project_detail", kwargs={"pk": project.pk}),
            reverse("partnerships:partnership_edit", kwargs={"pk": partnership.pk}),
            reverse("partnerships:event_create", kwargs={"pk": partnership.pk}),
            reverse("projects:project_create", kwargs={"pk": partnership.pk}),
            reverse("projects:project_edit", kwargs={"pk": project.pk}),
            reverse("projects:funding_create", kwargs={"pk": project.pk}),
            reverse("projects:funding_edit", kwargs={"pk": line.pk}),
            reverse("projects:indicator_create", kwargs={"pk": project.pk}),
            reverse("projects:indicator_edit", kwargs={"pk": indicator.pk}),
            reverse("projects:measurement_create", kwargs={"pk": indicator.pk}),
            reverse(
                "documents:document_create", kwargs={"kind": "partnership", "pk": partnership.pk}
            ),
            reverse("documents:download", kwargs={"pk": document.pk}),
        ]

    # Pending: Wawa's focal point does not even learn that it exists.
    for url in routes():
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x"}).status_code == 404, url

    from coopdec.review import services

    services.accept_all(Revision.objects.pending().within(partnership), users["staff"])
    # Published: readable, still not changeable, and the agreement file stays private.
    for url in routes()[2:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x"}).status_code == 404, url
    assert client.get(routes()[0]).status_code == 200
    assert Revision.objects.filter(author=wawa_focal_point).count() == 0
    assert Document.objects.count() == 1


def test_a_second_value_for_the_same_date_is_explained_not_a_crash(
    client_for, users, kloto_partnership
):
    indicator = kloto_partnership.projects.get().indicators.get()
    url = reverse("projects:measurement_create", kwargs={"pk": indicator.pk})
    client = client_for(users["staff"])
    post(client, url, {"date": "2025-01-31", "value": "2"})
    response = client.post(url, {"date": "2025-01-31", "value": "3"})
    assert response.status_code == 200
    assert "déjà" in " ".join(response.context["form"].errors["date"])
    assert indicator.measurements.get().value == 2
