"""The monthly steering committee: a March meeting decides two actions, one is done in
March, the other stays open and is on April's agenda by itself; its owner is reminded
before its due date and after it, by e-mail, on the meeting's clock (Lomé or Paris);
bad input — an action without owner or due date, minutes approved before the meeting —
gets a message and writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from coopdec.accounts.enums import Role
from coopdec.conftest import new_user
from coopdec.directory.models import Person
from coopdec.meetings import services
from coopdec.meetings.models import Action, Item, Meeting, Series
from coopdec.notifications import outbox

pytestmark = pytest.mark.django_db

LOME, PARIS = ZoneInfo("Africa/Lome"), ZoneInfo("Europe/Paris")


@pytest.fixture
def committee(members):
    fv, scac = members["fv"], members["scac"]
    series = Series.objects.create(
        name="Comité de pilotage FCT – Ambassade – France Volontaires",
        kind="steering_committee",
        agenda="Travaux du mois\nProblèmes rencontrés et solutions",
    )
    series.organisations.set([fv, scac])
    owner = Person.objects.create(
        first_name="Awa",
        last_name="Koffi",
        email="awa@example.org",
        account=new_user(username="awa", role=Role.PARTNER, email="awa@example.org"),
    )
    return {"series": series, "fv": fv, "owner": owner}


def _meeting(series, when: datetime, clock: str = "Africa/Lome") -> Meeting:
    return services.create_meeting(
        {
            "title": f"Comité de pilotage {when:%m/%Y}",
            "kind": "",
            "starts_at": when,
            "clock": clock,
        },
        series=series,
    )


def _action(meeting: Meeting, title: str, owner, due: date) -> Action:
    item = meeting.items.get(title="Travaux du mois")
    return services.write_action(
        Action(item=item), {"title": title, "owner_person": owner, "due_on": due}
    )


def test_the_open_action_of_march_is_on_aprils_agenda(committee):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    assert [item.title for item in march.items.all()] == [
        "Travaux du mois",
        "Problèmes rencontrés et solutions",
    ]
    assert set(march.attendances.values_list("organisation__name", flat=True)) == {
        "France Volontaires",
        "Ambassade – SCAC",
    }
    done = _action(march, "Envoyer la liste des communes", committee["owner"], date(2026, 3, 25))
    _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    services.set_action_status(done, "done", date(2026, 3, 20))
    april = _meeting(committee["series"], datetime(2026, 4, 14, 9, tzinfo=LOME))
    carried = april.items.exclude(carried=None)
    assert [item.carried.title for item in carried] == ["Préparer la formation"]
    assert carried.get().title == "Préparer la formation"


def test_an_action_decided_after_the_next_meeting_was_planned_is_carried_to_it(committee):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    april = _meeting(committee["series"], datetime(2026, 4, 14, 9, tzinfo=LOME))
    _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    assert april.items.exclude(carried=None).count() == 1


@pytest.mark.parametrize(
    ("clock", "reminded_at", "not_yet_at"),
    [
        # Due on 20 April: reminded on the 17th, on the meeting's clock. Lomé is UTC.
        (
            "Africa/Lome",
            datetime(2026, 4, 17, 0, 5, tzinfo=UTC),
            datetime(2026, 4, 16, 23, 55, tzinfo=UTC),
        ),
        # Paris is UTC+2 in April: its 17th starts at 22:00 UTC on the 16th.
        (
            "Europe/Paris",
            datetime(2026, 4, 16, 22, 5, tzinfo=UTC),
            datetime(2026, 4, 16, 21, 55, tzinfo=UTC),
        ),
    ],
)
def test_the_owner_is_reminded_before_and_after_the_due_date(
    committee, settings, clock, reminded_at, not_yet_at
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=PARIS), clock)
    _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    assert services.remind_actions(not_yet_at) == 0
    assert services.remind_actions(reminded_at) == 1
    assert services.remind_actions(reminded_at) == 0  # once
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [["awa@example.org"]]
    assert "Préparer la formation" in mail.outbox[0].subject
    # The day after the due date, still open: reminded again, once.
    after = datetime(2026, 4, 21, 12, tzinfo=UTC)
    assert services.remind_actions(after) == 1
    assert services.remind_actions(after) == 0


def test_a_done_action_is_not_reminded(committee):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    action = _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    services.set_action_status(action, "done", date(2026, 4, 1))
    assert services.remind_actions(datetime(2026, 4, 17, 8, tzinfo=UTC)) == 0


def test_an_action_without_owner_or_due_date_is_refused(committee, users, client_for):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    item = march.items.first()
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    response = client.post(
        reverse("meetings:action_create", args=[item.pk]), {"title": "Faire quelque chose"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dites qui le fait\u202f: une personne ou une organisation." in page
    assert not Action.objects.exists()


def test_minutes_of_a_meeting_not_yet_held_cannot_be_approved(committee, users, client_for):
    coming = _meeting(committee["series"], datetime(2099, 3, 10, 9, tzinfo=LOME))
    client = client_for(users["staff"])
    client.cookies["django_language"] = "fr"
    response = client.post(reverse("meetings:minutes_approve", args=[coming.pk]), follow=True)
    assert "La réunion n’a pas encore eu lieu" in response.content.decode()
    coming.refresh_from_db()
    assert (coming.minutes, coming.approved_at) == ("draft", None)


def test_approved_minutes_are_frozen_a_change_makes_a_new_version(committee, users):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    services.approve_minutes(march, by=users["staff"], now=datetime(2026, 3, 12, tzinfo=UTC))
    services.write_item(Item(meeting=march), {"title": "Point ajouté après coup"})
    march.refresh_from_db()
    assert (march.minutes, march.minutes_version, march.approved_at) == ("draft", 2, None)


def test_owners_see_their_open_actions_on_their_home_page(committee, client_for):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    action = _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    client = client_for(committee["owner"].account)
    page = client.get(reverse("accounts:home")).content.decode()
    assert f'id="my-action-{action.pk}"' in page and "Préparer la formation" in page


def test_an_owner_reads_the_meeting_and_marks_the_action_done(committee, client_for):
    march = _meeting(committee["series"], datetime(2026, 3, 10, 9, tzinfo=LOME))
    action = _action(march, "Préparer la formation", committee["owner"], date(2026, 4, 20))
    client = client_for(committee["owner"].account)
    page = client.get(march.get_absolute_url()).content.decode()
    assert f'action="{reverse("meetings:action_status", args=[action.pk])}"' in page
    client.post(reverse("meetings:action_status", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done" and action.closed_on is not None
