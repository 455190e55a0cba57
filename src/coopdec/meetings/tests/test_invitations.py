"""Invitations to a meeting: an e-mail to each invitee with the meeting as an ``.ics`` file
their calendar reads (same event at every sending, its time on the meeting's clock);
attendance recorded once the meeting is held; the minutes shared reach the invitees;
bad input — invitations to a meeting already started, attendance before it — gets a
message and sends or writes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coopdec.accounts.enums import Role
from coopdec.conftest import new_user
from coopdec.directory.models import Organisation, Person
from coopdec.meetings import services
from coopdec.meetings.models import Meeting
from coopdec.notifications import outbox
from coopdec.notifications.models import Mail, Notice
from coopdec.territories.models import Country

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def invited(members, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    france = Country.objects.get(code="FR")
    fv, scac = members["fv"], members["scac"]
    silent = Organisation.objects.create(
        name="Association sans adresse", slug="silent", kind="association", country=france
    )
    awa = Person.objects.create(first_name="Awa", last_name="Koffi", email="awa@example.org")
    attaché = new_user(username="attache", role=Role.OBSERVER, email="attache@example.org")
    attaché.language = "en"
    attaché.save()
    attaché.organisations.add(scac)
    # Ten days ahead, 15:00 on the Paris clock, for two hours.
    day = (timezone.now() + timedelta(days=10)).astimezone(PARIS).date()
    starts = datetime(day.year, day.month, day.day, 15, tzinfo=PARIS)
    meeting = services.create_meeting(
        {
            "title": "Comité de pilotage",
            "kind": "steering_committee",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "clock": "Europe/Paris",
            "place": "Ambassade de France, Lomé",
        },
        organisations=[scac, silent],
    )
    services.invite(meeting, fv, awa)
    return {"meeting": meeting, "awa": awa, "attaché": attaché, "starts": starts}


def _calendar(message) -> Calendar:
    (name, content, mimetype) = message.attachments[0]
    assert name == "invitation.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_each_invitee_gets_the_meeting_for_their_calendar(invited):
    meeting = invited["meeting"]
    queued, unreachable = services.send_invitations(meeting, now=timezone.now())
    assert (queued, unreachable) == (2, 1)  # the association has nobody to write to
    outbox.send_due()
    by_address = {tuple(message.to): message for message in mail.outbox}
    assert set(by_address) == {("awa@example.org",), ("attache@example.org",)}
    assert by_address[("awa@example.org",)].subject.startswith("Invitation")
    assert "Ambassade de France, Lomé" in by_address[("awa@example.org",)].body
    assert by_address[("attache@example.org",)].subject.startswith("Invitation:")  # English
    event = _calendar(by_address[("awa@example.org",)]).walk("VEVENT")[0]
    assert event.start == invited["starts"]  # 15:00 in Paris, whatever the server's clock
    assert event.end - event.start == timedelta(hours=2)
    assert str(event["summary"]) == "Comité de pilotage"
    assert int(event["sequence"]) == 1
    uid = str(event["uid"])
    # Moved by an hour and sent again: the same event, a later version.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=invited["starts"] + timedelta(hours=1))
    meeting.refresh_from_db()
    mail.outbox.clear()
    services.send_invitations(meeting, now=timezone.now())
    outbox.send_due()
    again = _calendar(mail.outbox[0]).walk("VEVENT")[0]
    assert (str(again["uid"]), int(again["sequence"])) == (uid, 2)
    assert again.start == invited["starts"] + timedelta(hours=1)


def test_no_invitation_for_a_meeting_that_has_started(invited, users, client_for):
    meeting = invited["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    page = client.post(
        reverse("meetings:invitations_send", args=[meeting.pk]), follow=True
    ).content.decode()
    assert "La réunion a commencé" in page
    assert not Mail.objects.exists()


def test_an_invitation_queued_before_a_meeting_is_not_sent_after_it_started(invited):
    meeting = invited["meeting"]
    services.send_invitations(meeting, now=timezone.now())
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    outbox.send_due()
    assert mail.outbox == []


def test_attendance_is_recorded_once_the_meeting_is_held(invited, users, client_for):
    meeting = invited["meeting"]
    fv = meeting.attendances.get(organisation__slug="fv")
    scac = meeting.attendances.get(organisation__slug="scac")
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    url = reverse("meetings:attendance", args=[meeting.pk])
    early = client.post(url, {f"a{fv.pk}": "present", f"a{scac.pk}": "apologies"})
    assert "pas encore eu lieu" in early.content.decode()
    fv.refresh_from_db()
    assert fv.present is None
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
    client.post(url, {f"a{fv.pk}": "present", f"a{scac.pk}": "apologies"})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "France Volontaires (Awa Koffi) — Présent" in page
    assert "Ambassade – SCAC — Excusé" in page


def test_shared_minutes_reach_the_invitees_inbox(invited):
    meeting = invited["meeting"]
    attaché = invited["attaché"]
    services.share_minutes(meeting, now=invited["starts"] + timedelta(days=1))
    assert Notice.objects.filter(user=attaché, reason="minutes_shared").count() == 1
    outbox.send_due()  # and by e-mail, as the attaché chose nothing else
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["attache@example.org"], "[coopdec] Minutes to comment: Comité de pilotage")
    ]


def test_the_calendar_file_is_for_those_who_may_read_the_meeting(invited, users, client_for):
    meeting = invited["meeting"]
    url = reverse("meetings:calendar", args=[meeting.pk])
    response = client_for(invited["attaché"]).get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).walk("VEVENT")[0].start == invited["starts"]
    assert client_for(users["partner"]).get(url).status_code == 404  # not invited
