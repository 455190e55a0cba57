"""After signing in, a person lands on a page of what awaits them — each app adds its
part: proposals and decisions, opportunities for their communes, agreements ending,
imports waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coopdec.conftest import PASSWORD
from coopdec.opportunities.models import Opportunity
from coopdec.review import services
from coopdec.review.models import Revision
from coopdec.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def test_a_focal_point_lands_on_what_awaits_it(client, client_for, users, kloto_partnership):
    focal = users["focal_point"]
    water = Theme.objects.get(code="water-sanitation")
    kloto_partnership.themes.set([water])
    opportunity = Opportunity.objects.create(
        kind="call_for_projects",
        title="Eau potable\u202f: appel 2027",
        closes_at=timezone.now() + timedelta(days=20),
        published=True,
    )
    opportunity.themes.set([water])
    agreement = kloto_partnership.documents.get(kind="agreement")
    agreement.ends_on = timezone.localdate() + timedelta(days=45)
    agreement.save()
    edit = client_for(focal)
    edit.post(
        reverse("partnerships:event_create", args=[kloto_partnership.pk]),
        {"kind": "mission", "title": "Mission eau", "date": "2024-06-01"},
    )
    refused = Revision.objects.pending().get()
    services.reject(refused, users["staff"], "Date à vérifier.")

    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": focal.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:home")
    page = response.content.decode()
    assert "Mes propositions" in page and "Date à vérifier." in page
    assert "Eau potable\u202f: appel 2027" in page and "Kloto 1" in page
    assert "Conventions arrivant à échéance" in page and "Convention" in page


def test_the_federation_lands_on_the_proposals_to_review(client_for, users, kloto_partnership):
    client_for(users["focal_point"]).post(
        reverse("partnerships:event_create", args=[kloto_partnership.pk]),
        {"kind": "mission", "title": "Mission eau", "date": "2024-06-01"},
    )
    page = client_for(users["staff"]).get(reverse("accounts:home")).content.decode()
    assert "1 proposition attend votre décision." in page
    assert reverse("review:queue") in page
    quiet = client_for(users["volunteer"]).get(reverse("accounts:home")).content.decode()
    assert "Rien ne vous attend aujourd’hui." in quiet
