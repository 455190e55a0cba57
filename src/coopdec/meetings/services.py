"""Writing meetings, their agenda, outcomes and actions, and the minutes' life: one way for
the forms, the demo data and tests. Each write checks its rule and writes everything or
nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts.models import User
from coopdec.notifications import fanout
from coopdec.notifications.enums import Reason

from .enums import ActionStatus, MinutesState
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
