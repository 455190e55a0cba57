"""The federation publishes an opportunity and sees who may answer it; a focal point sees
whether its commune may, and why."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from coopdec.conftest import commune
from coopdec.opportunities.models import Opportunity
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {
        "kind": "call_for_projects",
        "title": "Eau potable dans les Plateaux",
        "summary": "Forages et bornes-fontaines.",
        "opens_at": "2027-01-05T08:00",
        "closes_at": "2027-03-31T23:59",
        "audience": "members",
        "time_zone": "Africa/Lome",
        "areas": [Area.objects.get(slug="plateaux", level__kind="region").pk],
        "themes": [Theme.objects.get(code="water-sanitation").pk],
        "partnership_condition": "",
        "published": "on",
    }
    data.update(changes)
    return data


def test_staff_publishes_and_sees_the_eligible_communes(client_for, users, kloto_partnership):
    kloto_partnership.themes.set([Theme.objects.get(code="water-sanitation")])
    staff = client_for(users["staff"])
    response = staff.post(reverse("opportunities:create"), form_data())
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == opportunity.get_absolute_url()
    assert opportunity.published and opportunity.published_at is not None
    # 23:59 in Lomé (UTC+0) is 00:59 the next day in Paris (UTC+1 in winter).
    assert opportunity.closes_at.isoformat() == "2027-03-31T23:59:00+00:00"

    page = staff.get(opportunity.get_absolute_url()).content.decode()
    assert "1 commune éligible" in page
    assert "Kloto 1" in page and "dans Plateaux, travaille sur Eau et assainissement" in page


def test_focal_point_sees_why_its_commune_may_answer(client_for, users, kloto_partnership):
    kloto_partnership.themes.set([Theme.objects.get(code="water-sanitation")])
    opportunity = Opportunity.objects.create(
        kind="call_for_projects", title="Eau potable", published=True
    )
    opportunity.areas.set([commune("kloto-1").parent.parent])
    opportunity.themes.set([Theme.objects.get(code="water-sanitation")])
    focal = client_for(users["focal_point"])
    page = focal.get(opportunity.get_absolute_url()).content.decode()
    assert "Peut répondre\u202f: dans Plateaux, travaille sur Eau et assainissement." in page
    assert "communes éligibles" not in page  # the full list is the federation's
    listed = focal.get(reverse("opportunities:list")).content.decode()
    assert "Ouvertes à Kloto 1" in listed and "Eau potable" in listed


def test_a_draft_is_the_federations_only(client_for, users):
    draft = Opportunity.objects.create(kind="training", title="Formation en préparation")
    assert client_for(users["focal_point"]).get(draft.get_absolute_url()).status_code == 404
    assert (
        "Formation en préparation"
        not in client_for(users["partner"]).get(reverse("opportunities:list")).content.decode()
    )
    assert client_for(users["staff"]).get(draft.get_absolute_url()).status_code == 200


def test_a_deadline_before_the_opening_is_refused_and_nothing_saved(client_for, users):
    staff = client_for(users["staff"])
    response = staff.post(reverse("opportunities:create"), form_data(closes_at="2027-01-01T10:00"))
    assert response.status_code == 200
    assert "Une opportunité ne peut pas clore avant d'ouvrir." in html.unescape(
        response.content.decode()
    )
    response = staff.post(
        reverse("opportunities:create"), form_data(partnership_condition="active_with")
    )
    assert "Choisissez le pays de la condition." in response.content.decode()
    assert Opportunity.objects.count() == 0


@pytest.mark.parametrize(
    ("deadline", "in_paris"),
    [
        # Winter: Paris is one hour ahead of Lomé.
        ("2027-03-20T23:59", "21 mars 2027 00:59"),
        # France moves to summer time on 28 March 2027: two hours ahead.
        ("2027-03-31T23:59", "1 avril 2027 01:59"),
        # Back to winter time on 31 October 2027.
        ("2027-10-31T12:00", "31 octobre 2027 13:00"),
    ],
)
def test_a_deadline_is_shown_in_lome_and_in_paris(client_for, users, deadline, in_paris):
    staff = client_for(users["staff"])
    staff.post(reverse("opportunities:create"), form_data(opens_at="", closes_at=deadline))
    opportunity = Opportunity.objects.get()
    page = html.unescape(staff.get(opportunity.get_absolute_url()).content.decode())
    _day, time = deadline.split("T")
    assert f"{in_paris} (heure de Paris)" in page
    assert f"{time}</time> (heure de Lomé)" in page


def test_a_partner_proposes_and_the_federation_publishes(client_for, users):
    partner = client_for(users["partner"])
    form = form_data(kind="partner_search", title="Bressuire cherche une commune", areas=[])
    form.pop("published")
    response = partner.post(reverse("opportunities:create"), {**form, "published": "on"})
    proposal = Opportunity.objects.get()
    assert response.status_code == 302
    # The partner cannot publish it: the box is not on its form, and is ignored if sent.
    assert not proposal.published and proposal.proposed_by == users["partner"]
    assert partner.get(proposal.get_absolute_url()).status_code == 200
    assert (
        'name="published"'
        not in partner.get(reverse("opportunities:edit", args=[proposal.pk])).content.decode()
    )
    # Other members do not see it until it is published.
    assert client_for(users["focal_point"]).get(proposal.get_absolute_url()).status_code == 404
    staff = client_for(users["staff"])
    assert "proposition à vérifier" in staff.get(reverse("opportunities:list")).content.decode()
    staff.post(reverse("opportunities:edit", args=[proposal.pk]), {**form, "published": "on"})
    proposal.refresh_from_db()
    assert proposal.published
    # Published, it is the federation's: the partner may no longer change it.
    partner = client_for(users["partner"])
    assert partner.get(reverse("opportunities:edit", args=[proposal.pk])).status_code == 403
    assert client_for(users["focal_point"]).get(proposal.get_absolute_url()).status_code == 200


def test_a_partner_changes_its_own_proposals_only(client_for, users):
    theirs = Opportunity.objects.create(
        kind="event", title="Webinaire", proposed_by=users["partner"]
    )
    federation_draft = Opportunity.objects.create(kind="event", title="Brouillon")
    partner = client_for(users["partner"])
    assert partner.get(reverse("opportunities:edit", args=[theirs.pk])).status_code == 200
    assert partner.get(reverse("opportunities:edit", args=[federation_draft.pk])).status_code == 404
    for role in ("focal_point", "observer", "volunteer"):
        client = client_for(users[role])
        assert client.get(reverse("opportunities:create")).status_code == 403
        assert client.get(reverse("opportunities:edit", args=[theirs.pk])).status_code == 403


def test_a_partners_proposal_reaches_the_queue_and_the_inbox_and_its_decision_the_partner(
    client_for, users, kloto_partnership, django_capture_on_commit_callbacks, run_queued
):
    from django.contrib.contenttypes.models import ContentType

    from coopdec.notifications.models import Notice
    from coopdec.review.models import Revision

    kloto_partnership.themes.set([Theme.objects.get(code="water-sanitation")])
    form = form_data(title="Bressuire cherche une commune")
    form.pop("published")
    client_for(users["partner"]).post(reverse("opportunities:create"), form)
    proposal = Opportunity.objects.get()
    # The federation hears of it: in its inbox, and in the queue, under "no commune".
    notice = Notice.objects.get(user=users["staff"], reason="proposed")
    assert notice.subject.target == proposal
    staff = client_for(users["staff"])
    groups = staff.get(reverse("review:queue")).context["groups"]
    assert [(g["commune"], str(g["commune_name"]), g["kind_name"]) for g in groups] == [
        (0, "Sans commune", "opportunité")
    ]
    kind = ContentType.objects.get_for_model(Opportunity).pk
    queue = staff.get(reverse("review:queue"), {"commune": 0, "kind": kind}).content.decode()
    assert "Bressuire cherche une commune" in queue
    inbox = staff.get(reverse("notifications:inbox")).content.decode()
    assert "Proposition à examiner" in inbox and reverse("review:queue") in inbox

    # Accepted from the queue: published, announced to the eligible communes, and the
    # partner is told.
    revision = Revision.objects.get(object_id=proposal.pk, content_type__model="opportunity")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("review:decide", args=[revision.pk]), {"decision": "accept"})
    run_queued()  # the announcement (and e-mails), as the background worker does
    proposal.refresh_from_db()
    assert proposal.published and proposal.published_at is not None
    assert Notice.objects.filter(user=users["focal_point"], reason="published").exists()
    assert Notice.objects.filter(user=users["partner"], reason="accepted").exists()
    assert not Revision.objects.pending().exists()

    # A second one, refused: marked refused with the message, for its author.
    form["title"] = "Doublon"
    client_for(users["partner"]).post(reverse("opportunities:create"), form)
    doublon = Opportunity.objects.get(title="Doublon")
    revision = Revision.objects.pending().get()
    client_for(users["staff"]).post(
        reverse("review:decide", args=[revision.pk]),
        {"decision": "reject", "message": "Déjà publiée."},
    )
    page = client_for(users["partner"]).get(doublon.get_absolute_url()).content.decode()
    assert "refusé" in page and "Déjà publiée." in page
    assert not Opportunity.objects.get(pk=doublon.pk).published
