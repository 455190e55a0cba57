"""Reminders 14 and 3 days before the deadline, on the clock the deadline is given in:
the same clock time, summer time or not; only to communes that have not answered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coopdec.accounts.enums import Role
from coopdec.conftest import commune, new_user
from coopdec.notifications import outbox
from coopdec.notifications.models import Notice
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity, Response

pytestmark = pytest.mark.django_db

LOME, PARIS = ZoneInfo("Africa/Lome"), ZoneInfo("Europe/Paris")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def opportunity(closes_at: datetime, zone: str, published_at: datetime) -> Opportunity:
    found = Opportunity.objects.create(
        kind="call_for_projects",
        title="Appel",
        published=True,
        published_at=published_at,
        closes_at=closes_at,
        time_zone=zone,
    )
    found.areas.set([commune("kloto-1"), commune("wawa-1")])
    return found


@pytest.mark.parametrize(
    ("deadline", "zone", "fourteen", "three"),
    [
        # Noon in Paris on 2 April 2027 (summer time, UTC+2) is 10:00 UTC. Fourteen days
        # earlier France is still on winter time: noon in Paris is 11:00 UTC, so the
        # reminder comes 13 days and 23 hours before, not 14 × 24 hours.
        (
            datetime(2027, 4, 2, 12, 0, tzinfo=PARIS),
            "Europe/Paris",
            utc(2027, 3, 19, 11),
            utc(2027, 3, 30, 10),
        ),
        # Back to winter time on 31 October 2027: 14 days and 1 hour.
        (
            datetime(2027, 11, 5, 9, 30, tzinfo=PARIS),
            "Europe/Paris",
            utc(2027, 10, 22, 7, 30),
            utc(2027, 11, 2, 8, 30),
        ),
        # Lomé keeps GMT all year: 14 × 24 hours exactly.
        (
            datetime(2027, 4, 2, 12, 0, tzinfo=LOME),
            "Africa/Lome",
            utc(2027, 3, 19, 12),
            utc(2027, 3, 30, 12),
        ),
    ],
)
def test_reminders_fall_at_the_same_clock_time(deadline, zone, fourteen, three):
    found = opportunity(deadline, zone, published_at=utc(2027, 1, 4))
    assert found.reminder_at(14) == fourteen
    assert found.reminder_at(3) == three
    assert fourteen.astimezone(ZoneInfo(zone)).time() == deadline.astimezone(ZoneInfo(zone)).time()
    second = timedelta(seconds=1)
    assert announcements.due_reminder(found, fourteen - second) is None
    assert announcements.due_reminder(found, fourteen) == "reminder_14"
    assert announcements.due_reminder(found, three - second) == "reminder_14"
    assert announcements.due_reminder(found, three) == "reminder_3"
    assert announcements.due_reminder(found, found.closes_at) is None


def test_reminders_go_once_to_the_communes_that_have_not_answered(mailoutbox):
    kloto, wawa = (
        new_user(username="kloto", role=Role.FOCAL_POINT),
        new_user(username="wawa", role=Role.FOCAL_POINT),
    )
    kloto.local_governments.set([commune("kloto-1")])
    wawa.local_governments.set([commune("wawa-1")])
    deadline = datetime(2027, 4, 2, 12, 0, tzinfo=PARIS)
    found = opportunity(deadline, "Europe/Paris", published_at=utc(2027, 3, 1))
    Response.objects.create(opportunity=found, commune=commune("wawa-1")).set_answer(
        "applied", by=wawa, at=utc(2027, 3, 10)
    )
    assert announcements.remind(now=utc(2027, 3, 19, 10, 59)) == 0
    assert announcements.remind(now=utc(2027, 3, 19, 11, 0)) == 1
    assert announcements.remind(now=utc(2027, 3, 19, 11, 5)) == 0  # once
    outbox.send_due()
    (message,) = mailoutbox
    assert message.to == ["kloto@example.org"]
    assert message.subject == "[coopdec] Plus que 14 jours\u202f: Appel"
    assert "2 avril 2027 12:00 (heure de Paris)" in message.body
    assert "2 avril 2027 10:00 (heure de Lomé)" in message.body

    # Kloto 1 says it is interested: still not applied, still reminded at 3 days? No:
    # an answer of any kind stops the reminders.
    Response.objects.get_or_create(opportunity=found, commune=commune("kloto-1"))[0].set_answer(
        "interested", by=kloto
    )
    assert announcements.remind(now=utc(2027, 3, 30, 10, 0)) == 0
    assert Notice.objects.filter(reason="reminder_3").count() == 0


def test_a_late_publication_skips_the_14_day_reminder():
    kloto = new_user(username="kloto", role=Role.FOCAL_POINT)
    kloto.local_governments.set([commune("kloto-1")])
    deadline = datetime(2027, 4, 2, 12, 0, tzinfo=LOME)
    found = opportunity(deadline, "Africa/Lome", published_at=utc(2027, 3, 25))
    assert announcements.due_reminder(found, utc(2027, 3, 26)) is None
    assert announcements.due_reminder(found, utc(2027, 3, 30, 12)) == "reminder_3"


def test_a_paris_deadline_is_typed_on_the_paris_clock(client_for, users):
    staff = client_for(users["staff"])
    form = {
        "kind": "partner_search",
        "title": "Niort cherche une commune partenaire",
        "time_zone": "Europe/Paris",
        "closes_at": "2027-04-02T12:00",
        "audience": "members",
    }
    staff.post(reverse("opportunities:create"), form)
    saved = Opportunity.objects.get()
    assert saved.closes_at == utc(2027, 4, 2, 10, 0)
    # Editing shows the time as typed, on the Paris clock.
    page = staff.get(reverse("opportunities:edit", args=[saved.pk])).content.decode()
    assert 'value="2027-04-02T12:00"' in page
    # 02:30 on 28 March 2027 does not exist in Paris (clocks go from 02:00 to 03:00).
    response = staff.post(
        reverse("opportunities:create"), {**form, "closes_at": "2027-03-28T02:30"}
    )
    assert "Cette heure n'existe pas sur cette horloge" in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert Opportunity.objects.count() == 1
