"""A focal point's proposals reach the federation, and every decision reaches its author:
refusals with their message (inbox, e-mail, on the record), acceptances announced; changes
to validated records apply field by field, or are explained when the record moved since."""

from django.urls import reverse

from coopdec.notifications import outbox
from coopdec.notifications.models import Notice
from coopdec.partnerships.models import Event
from coopdec.projects.models import Project
from coopdec.review import services
from coopdec.review.models import Revision
from coopdec.territories.models import Area


def propose_three(client, partnership, project, kloto1):
    """Through the pages: a new event, a project change, a commune fact."""
    client.post(
        reverse("partnerships:event_create", args=[partnership.pk]),
        {"kind": "mission", "title": "Mission eau", "date": "2024-06-01", "place": "Kpalimé"},
    )
    client.post(
        reverse("projects:project_edit", args=[project.pk]),
        {"title": "Eau potable pour tous", "status": "ongoing", "start_date": "2024-01-01"},
    )
    client.post(
        reverse("territories:commune_edit", args=["kloto-1"]),
        {"seat_town": "Kpalimé", "size_class": "large", "population": "128000"},
    )


def test_refusal_and_acceptances_reach_the_author_and_nothing_stays_pending(
    users, client_for, kloto_partnership, kloto1, mailoutbox
):
    focal = users["focal_point"]

    def staff():  # one test client: sign in again before each use
        return client_for(users["staff"])

    focal.email = "focal@example.org"
    focal.save()
    project = Project.objects.get(partnership=kloto_partnership)
    propose_three(client_for(focal), kloto_partnership, project, kloto1)

    groups = staff().get(reverse("review:queue")).context["groups"]
    assert sum(group["count"] for group in groups if group["commune"] == kloto1.pk) == 3
    proposals = staff().get(reverse("review:queue"), {"commune": kloto1.pk}).context["proposals"]
    by_kind = {revision.content_type.model: revision for revision, _changes in proposals}
    assert set(by_kind) == {"event", "project", "area"}

    staff().post(
        reverse("review:decide", args=[by_kind["event"].pk]),
        {"decision": "reject", "message": "La date ne correspond pas au rapport de mission."},
    )
    for kind in ("project", "area"):
        staff().post(reverse("review:decide", args=[by_kind[kind].pk]), {"decision": "accept"})

    # The queue is empty; the accepted changes are applied.
    assert staff().get(reverse("review:queue")).context["groups"] == []
    assert Project.objects.get(pk=project.pk).title == "Eau potable pour tous"
    assert Area.objects.get(pk=kloto1.pk).population == 128000

    # The refused event is marked refused with its message, never "awaiting validation".
    event = Event.objects.get(title="Mission eau")
    assert (event.published, event.review_state) == (False, "refused")
    page = client_for(focal).get(kloto_partnership.get_absolute_url()).content.decode()
    assert "refusé" in page and "La date ne correspond pas au rapport de mission." in page
    assert "en attente de validation" not in page

    # The author's inbox and e-mail say it, with the message; the acceptances too.
    reasons = sorted(Notice.objects.filter(user=focal).values_list("reason", flat=True))
    assert reasons == ["accepted", "accepted", "rejected"]
    inbox = client_for(focal).get(reverse("notifications:inbox")).content.decode()
    assert "La date ne correspond pas au rapport de mission." in inbox
    outbox.send_due()
    subjects = sorted(message.subject for message in mailoutbox)
    assert subjects == [
        "[coopdec] Acceptée\u202f: Projet « Eau potable pour tous »",
        "[coopdec] Acceptée\u202f: Territoire « Kloto 1 »",
        "[coopdec] Refusée\u202f: Événement « Mission eau (2024-06-01) »",
    ]
    refusal = next(m for m in mailoutbox if "Refusée" in m.subject)
    assert "La date ne correspond pas au rapport de mission." in refusal.body

    # My proposals lists the three with their state.
    mine = client_for(focal).get(reverse("review:mine"))
    states = sorted(revision.state for revision in mine.context["page_obj"])
    assert states == ["accepted", "accepted", "rejected"]


def test_a_change_applies_field_by_field_unless_the_record_moved_since(
    users, client_for, kloto_partnership, kloto1
):
    focal = client_for(users["focal_point"])
    project = Project.objects.get(partnership=kloto_partnership)
    focal.post(
        reverse("projects:project_edit", args=[project.pk]),
        {"title": "Eau", "summary": "Forages", "status": "ongoing", "start_date": "2024-01-01"},
    )
    (revision,) = Revision.objects.pending()
    assert revision.before["summary"] == "" and revision.after["summary"] == "Forages"
    services.accept(revision, users["staff"])
    project.refresh_from_db()
    # Only what changed: the summary and status; the title stays.
    assert (project.title, project.summary, project.status) == ("Eau", "Forages", "ongoing")

    # A second proposal, then the federation changes the record itself: not applied.
    focal.post(
        reverse("projects:project_edit", args=[project.pk]),
        {
            "title": "Eau",
            "summary": "Forages et latrines",
            "status": "ongoing",
            "start_date": "2024-01-01",
        },
    )
    (revision,) = Revision.objects.pending()
    Project.objects.filter(pk=project.pk).update(summary="Forages profonds")
    try:
        services.accept(revision, users["staff"])
    except services.ReviewError as error:
        assert "changé depuis" in str(error) or "changed since" in str(error)
        assert "résumé" in str(error) or "summary" in str(error)
    else:
        raise AssertionError("a proposal on a record changed since was applied")
    project.refresh_from_db()
    assert project.summary == "Forages profonds"
    revision.refresh_from_db()
    assert revision.state == Revision.State.PENDING  # not lost: refuse it with a message

    # Accepting what was decided already is refused and changes nothing.
    services.reject(revision, users["staff"], "Le résumé a changé, proposez de nouveau.")
    try:
        services.accept(revision, users["staff"])
    except services.ReviewError:
        pass
    else:
        raise AssertionError("a decided proposal was accepted again")
    project.refresh_from_db()
    assert project.summary == "Forages profonds"
