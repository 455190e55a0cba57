"""Writing meetings, their agenda, outcomes and actions, and the minutes' life: one way for
the forms, the demo data and tests. Each write checks its rule and writes everything or
nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from coopdec.accounts.models import User
from coopdec.directory.models import Organisation, Person
from coopdec.notifications import fanout, letters, outbox
from coopdec.notifications.enums import Reason
from coopdec.notifications.models import Mail

from .enums import ActionStatus, MinutesState, Presence
from .models import Action, Attendance, Item, Meeting, Outcome, Series

# An owner is reminded this many days before an open action's due date (and on the day
# after, if it is still open).
REMIND_BEFORE_DAYS = 3


@transaction.atomic
def create_meeting(values: dict, *, series: Series | None = None, organisations=()) -> Meeting:
    """A meeting with ``values``. Made from a series, it gets the series' agenda and
    members, and every action still open from the series' earlier meetings is carried to
    its agenda."""
    meeting = Meeting(series=series, **values)
    if series is not None:
        meeting.kind = meeting.kind or series.kind
        meeting.place = meeting.place or series.place
        meeting.programme = meeting.programme or series.programme
    meeting.full_clean()
    meeting.save()
    invited = list(organisations) or (list(series.organisations.all()) if series else [])
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, organisation=organisation) for organisation in invited]
    )
    if series is not None:
        for order, title in enumerate(series.agenda_items(), start=1):
            Item.objects.create(meeting=meeting, order=order, title=title)
    carry_open_actions(meeting)
    return meeting


def carry_open_actions(meeting: Meeting) -> int:
    """Put on ``meeting``'s agenda every open action decided at an earlier meeting of its
    series that is not on it yet; returns how many were added."""
    if meeting.series_id is None:
        return 0
    carried = set(meeting.items.exclude(carried=None).values_list("carried_id", flat=True))
    still_open = (
        Action.objects.filter(
            status=ActionStatus.OPEN,
            item__meeting__series_id=meeting.series_id,
            item__meeting__starts_at__lt=meeting.starts_at,
        )
        .exclude(pk__in=carried)
        .exclude(item__meeting=meeting)
        .order_by("due_on", "pk")
    )
    last = meeting.items.aggregate(last=Max("order"))["last"] or 0
    added = 0
    for action in still_open:
        added += 1
        Item.objects.create(
            meeting=meeting,
            order=last + added,
            title=action.title,
            carried=action,
        )
    return added


def _changed_minutes(meeting: Meeting) -> None:
    """Approved minutes are frozen: changing them makes a new version, a draft again
    (the audit trail keeps the approved one)."""
    if meeting.minutes == MinutesState.APPROVED:
        meeting.minutes = MinutesState.DRAFT
        meeting.minutes_version += 1
        meeting.approved_at = None
        meeting.approved_by = None
        meeting.save(update_fields=["minutes", "minutes_version", "approved_at", "approved_by"])


@transaction.atomic
def write_item(item: Item, values: dict) -> Item:
    for name, value in values.items():
        setattr(item, name, value)
    if item.order == 0:
        item.order = (item.meeting.items.aggregate(last=Max("order"))["last"] or 0) + 1
    item.full_clean()
    item.save()
    _changed_minutes(item.meeting)
    return item


@transaction.atomic
def write_outcome(outcome: Outcome, values: dict) -> Outcome:
    for name, value in values.items():
        setattr(outcome, name, value)
    outcome.full_clean()
    outcome.save()
    _changed_minutes(outcome.item.meeting)
    return outcome


def check_owner(person, organisation) -> None:
    """An action's owner: a person or an organisation, not both."""
    if not person and not organisation:
        raise ValidationError(_("Say who does it: a person or an organisation."))
    if person and organisation:
        raise ValidationError(_("One owner: a person or an organisation, not both."))


def check_action(values: dict) -> None:
    """An action has an owner (``check_owner``) and a due date."""
    check_owner(values.get("owner_person"), values.get("owner_organisation"))
    if not values.get("due_on"):
        raise ValidationError(_("Give the date it is due."))


@transaction.atomic
def write_action(action: Action, values: dict) -> Action:
    """Save an action decided at a meeting. A new one is carried to the later meetings of
    the series already planned."""
    check_action(
        {
            "owner_person": action.owner_person,
            "owner_organisation": action.owner_organisation,
            "due_on": action.due_on,
            **values,
        }
    )
    new = action.pk is None
    for name, value in values.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    meeting = action.item.meeting
    _changed_minutes(meeting)
    if new and meeting.series_id:
        for later in Meeting.objects.filter(
            series_id=meeting.series_id, starts_at__gt=meeting.starts_at
        ):
            carry_open_actions(later)
    return action


@transaction.atomic
def set_action_status(action: Action, status: str, on: date) -> Action:
    """Mark an action done, dropped, or open again (following it up does not change the
    minutes)."""
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    action.status = status
    action.closed_on = None if status == ActionStatus.OPEN else on
    action.save(update_fields=["status", "closed_on"])
    return action


@transaction.atomic
def share_minutes(meeting: Meeting, *, now: datetime) -> None:
    if meeting.starts_at > now:
        raise ValidationError(_("The meeting has not been held yet: there are no minutes."))
    if meeting.minutes != MinutesState.DRAFT:
        raise ValidationError(_("Only draft minutes are shared for comments."))
    meeting.minutes = MinutesState.SHARED
    meeting.save(update_fields=["minutes"])
    recipients: dict[int, list[int]] = {user: [] for user in attendees_accounts(meeting)}
    if recipients:
        key = f"{Reason.MINUTES_SHARED}:{meeting.pk}:{meeting.minutes_version}"
        fanout.notify(
            meeting, Reason.MINUTES_SHARED, recipients, topic="meetings", key=key, now=now
        )


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by: User, now: datetime) -> None:
    """Approve and freeze the minutes of a meeting that was held."""
    if meeting.starts_at > now:
        raise ValidationError(
            _("The meeting has not been held yet: its minutes cannot be approved.")
        )
    if meeting.minutes == MinutesState.APPROVED:
        raise ValidationError(_("These minutes are approved already."))
    meeting.minutes = MinutesState.APPROVED
    meeting.approved_at = now
    meeting.approved_by = by
    meeting.save(update_fields=["minutes", "approved_at", "approved_by"])


def owners_accounts(action: Action) -> list[int]:
    """The accounts an action's owner reads: the person's, or those of everyone who speaks
    for the organisation."""
    if action.owner_person_id:
        account = action.owner_person.account_id if action.owner_person else None
        return [account] if account else []
    return list(
        User.objects.filter(is_active=True, organisations=action.owner_organisation_id).values_list(
            "pk", flat=True
        )
    )


def remind_actions(now: datetime | None = None) -> int:
    """Remind the owners of open actions: ``REMIND_BEFORE_DAYS`` before the due date, and on
    the day after an overdue one — each day read on the meeting's clock (Lomé or Paris).
    Once per action and due date; returns how many people were told."""
    now = now or timezone.now()
    horizon = timezone.localdate(now) + timedelta(days=REMIND_BEFORE_DAYS + 1)
    open_actions = Action.objects.filter(
        status=ActionStatus.OPEN,
        due_on__lte=horizon,
        due_on__gte=timezone.localdate(now) - timedelta(days=2),
    ).select_related("item__meeting", "owner_person")
    told = 0
    for action in open_actions:
        today = now.astimezone(ZoneInfo(action.item.meeting.clock)).date()
        if today == action.due_on - timedelta(days=REMIND_BEFORE_DAYS):
            reason = Reason.ACTION_DUE
        elif today == action.due_on + timedelta(days=1):
            reason = Reason.ACTION_OVERDUE
        else:
            continue
        recipients: dict[int, list[int]] = {user: [] for user in owners_accounts(action)}
        if not recipients:
            continue
        key = f"{reason}:{action.pk}:{action.due_on.isoformat()}"
        told += fanout.notify(action, reason, recipients, topic="actions", key=key, now=now) or 0
    return told


# ---------------------------------------------------------------- invitations and attendance


def calendar(meeting: Meeting, *, now: datetime, attendees=(), method: str = "REQUEST") -> bytes:
    """The meeting as an iCalendar file (RFC 5545) on its own clock: the same UID at every
    sending and a growing SEQUENCE, so a calendar updates the event it already has."""
    event = Event()
    event.add("uid", meeting.uid())
    event.add("dtstamp", now)
    event.add("sequence", meeting.invitations_sent)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.local_start())
    if meeting.ends_at:
        event.add("dtend", meeting.ends_at.astimezone(ZoneInfo(meeting.clock)))
    if meeting.place:
        event.add("location", meeting.place)
    site = settings.COOPDEC_SITE_URL.rstrip("/")
    event.add("url", meeting.link or site + meeting.get_absolute_url())
    agenda = [item.title for item in meeting.items.all()]
    if agenda:
        event.add("description", "\n".join(f"{n}. {title}" for n, title in enumerate(agenda, 1)))
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = settings.COOPDEC_FEDERATION_NAME
    event.add("organizer", organiser)
    for address in attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["rsvp"] = "TRUE"
        event.add("attendee", attendee)
    book = Calendar()
    book.add("prodid", "-//coopdec//meetings//EN")
    book.add("version", "2.0")
    book.add("method", method)
    book.add_component(event)
    book.add_missing_timezones()
    return book.to_ical()


def addresses(attendance: Attendance) -> tuple[list[str], str]:
    """Where an invitation to ``attendance`` goes, read at sending time, and its language:
    the invited person's address; with no person named, the accounts of everyone who
    speaks for the organisation."""
    person = attendance.person
    if person is not None:
        if not person.email:
            return [], settings.LANGUAGE_CODE
        account = person.account if person.account_id else None
        return [person.email], account.language if account else settings.LANGUAGE_CODE
    accounts = list(
        User.objects.filter(is_active=True, organisations=attendance.organisation_id)
        .exclude(email="")
        .values_list("email", "language")
    )
    languages = {language for _email, language in accounts}
    language = languages.pop() if len(languages) == 1 else settings.LANGUAGE_CODE
    return sorted(email for email, _language in accounts), language


@transaction.atomic
def send_invitations(meeting: Meeting, *, now: datetime) -> tuple[int, int]:
    """Queue an invitation, with the meeting for calendars, to everyone invited (again,
    after a change: calendars update the event). Returns how many were queued and how many
    invitees have no address to write to."""
    if meeting.starts_at <= now:
        raise ValidationError(_("The meeting has started: invitations are no longer sent."))
    attendances = list(meeting.attendances.select_related("person__account"))
    if not attendances:
        raise ValidationError(_("Nobody is invited yet: add the organisations first."))
    reachable = [attendance for attendance in attendances if addresses(attendance)[0]]
    if not reachable:
        raise ValidationError(
            _("No invitee has an e-mail address: record one for their person or account.")
        )
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent=F("invitations_sent") + 1)
    meeting.refresh_from_db(fields=["invitations_sent"])
    queued = sum(
        letters.queue(
            f"meeting:{meeting.pk}:invite:{meeting.invitations_sent}:{attendance.pk}",
            Reason.MEETING_INVITATION,
            attendance,
        )
        for attendance in reachable
    )
    transaction.on_commit(lambda: outbox.wake(queued))  # sent now, not at the next round
    return queued, len(attendances) - len(reachable)


def invitation_letter(mail: Mail, attendance: Attendance) -> EmailMultiAlternatives | None:
    """The invitation, written when it is sent, with the meeting as an ``.ics`` file: None
    once the meeting has started or when nobody can be written to any more."""
    attendance = Attendance.objects.select_related("meeting", "person__account").get(
        pk=attendance.pk
    )
    meeting = attendance.meeting
    now = timezone.now()
    to, language = addresses(attendance)
    if meeting.starts_at <= now or not to:
        return None
    site = settings.COOPDEC_SITE_URL.rstrip("/")
    with translation.override(language):
        local = meeting.local_start()
        context = {
            "meeting": meeting,
            "clock": meeting.get_clock_display(),
            "agenda": [item.title for item in meeting.items.all()],
            "url": site + meeting.get_absolute_url(),
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = _("Invitation: %(title)s, %(date)s") % {
            "title": meeting.title,
            "date": formats.date_format(local, "DATETIME_FORMAT"),
        }
        text = render_to_string("meetings/mail/invitation.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=to,
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach("invitation.ics", calendar(meeting, now=now, attendees=to), "text/calendar")
    return message


def record_attendance(meeting: Meeting, states: dict[int, str], *, now: datetime) -> None:
    """Record who came (attendance id → a ``Presence``), once the meeting has started."""
    if meeting.starts_at > now:
        raise ValidationError(_("The meeting has not been held yet: nobody came or missed it."))
    known = {attendance.pk: attendance for attendance in meeting.attendances.all()}
    if set(states) - set(known) or set(states.values()) - set(Presence.values):
        raise ValidationError(_("Unknown invitee or answer."))
    with transaction.atomic():
        for pk, state in states.items():
            attendance = known[pk]
            attendance.present = {
                Presence.PRESENT: True,
                Presence.APOLOGIES: False,
                Presence.ABSENT: False,
            }.get(Presence(state))
            attendance.apologies = state == Presence.APOLOGIES
            attendance.save(update_fields=["present", "apologies"])
        _changed_minutes(meeting)


@transaction.atomic
def invite(
    meeting: Meeting, organisation: Organisation, person: Person | None = None
) -> Attendance:
    """Invite one more organisation (and, when known, its person)."""
    if meeting.attendances.filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is invited already."))
    attendance = Attendance(meeting=meeting, organisation=organisation, person=person)
    attendance.full_clean()
    attendance.save()
    return attendance


def attendees_accounts(meeting: Meeting) -> list[int]:
    """The accounts of those invited: the named person's, else everyone who speaks for the
    organisation."""
    accounts: set[int] = set()
    for attendance in meeting.attendances.select_related("person"):
        if attendance.person_id:
            if attendance.person and attendance.person.account_id:
                accounts.add(attendance.person.account_id)
            continue
        accounts.update(
            User.objects.filter(
                is_active=True, organisations=attendance.organisation_id
            ).values_list("pk", flat=True)
        )
    return sorted(accounts)
