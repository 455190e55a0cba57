"""Who hears of what: the fan-outs on publication, on the federation's suggestion, before
deadlines, and the weekly digests. Each is done once (its ``Dispatch`` key is unique) and
whole (one transaction: inbox notices, queued e-mails, the communes marked as reached).

The recipients of a commune are its focal points: the active accounts with the focal point
role whose scope holds the commune.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from coopdec.accounts.models import focal_points
from coopdec.opportunities import eligibility
from coopdec.opportunities.enums import Answer
from coopdec.opportunities.models import Opportunity, Response

from . import outbox
from .enums import REMINDERS, Frequency, Reason
from .models import Dispatch, Mail, Notice, Preference

# Weekly digests cover Monday to Sunday in the federation's time zone and leave on Monday
# morning.
DIGEST_HOUR = 7


def mail_now(reason: str, frequency: str) -> bool:
    """Whether a notice for ``reason`` is e-mailed on its own to someone who chose
    ``frequency``: news at once for "at once"; deadline reminders for anyone not "never"
    (a digest would come too late)."""
    if reason in REMINDERS:
        return frequency != Frequency.NONE
    return frequency == Frequency.IMMEDIATE


def tell(opportunity: Opportunity, reason: str, commune_ids, *, key: str, now=None) -> int | None:
    """Tell the focal points of ``commune_ids`` about ``opportunity``: a notice in each
    inbox, an e-mail queued for those who want one now. Returns how many people were told,
    or None when ``key`` was done already."""
    now = now or timezone.now()
    commune_ids = sorted(set(commune_ids))
    with transaction.atomic():
        dispatch = _first_time(key, now)
        if dispatch is None:
            return None
        recipients = focal_points(commune_ids)
        known = Preference.of(recipients)
        notices = Notice.objects.bulk_create(
            Notice(user_id=user_id, opportunity=opportunity, reason=reason, created_at=now)
            for user_id in sorted(recipients)
        )
        Notice.communes.through.objects.bulk_create(
            Notice.communes.through(notice_id=notice.pk, area_id=area_id)
            for notice in notices
            for area_id in sorted(recipients[notice.user_id])
        )
        wanted = [
            notice
            for notice in notices
            if mail_now(reason, Preference.chosen(known, notice.user_id, opportunity.kind))
        ]
        queue(reason, [(f"{key}:{notice.user_id}", notice.user_id, [notice]) for notice in wanted])
        reach(opportunity, {pk for communes in recipients.values() for pk in communes}, now)
        dispatch.recipients = len(recipients)
        dispatch.save(update_fields=["recipients"])
    return len(recipients)


def _first_time(key: str, now) -> Dispatch | None:
    """Record the fan-out ``key`` as done (inside the caller's transaction), or None if it
    was done already, by this process or another."""
    try:
        with transaction.atomic():
            return Dispatch.objects.create(key=key, done_at=now)
    except IntegrityError:
        return None


def queue(reason: str, mails: list[tuple[str, int, list[Notice]]]) -> None:
    """Queue e-mails (key, user id, notices) and wake the senders once the transaction
    commits."""
    if not mails:
        return
    created = Mail.objects.bulk_create(
        Mail(key=key, user_id=user_id, reason=reason) for key, user_id, _notices in mails
    )
    Mail.notices.through.objects.bulk_create(
        Mail.notices.through(mail_id=mail.pk, notice_id=notice.pk)
        for mail, (_key, _user, notices) in zip(created, mails, strict=True)
        for notice in notices
    )
    transaction.on_commit(lambda: outbox.wake(len(created)))


def reach(opportunity: Opportunity, commune_ids, now) -> None:
    """Mark the communes as reached (someone there was told): their follow-up begins."""
    Response.objects.filter(
        opportunity=opportunity, commune__in=commune_ids, notified_at__isnull=True
    ).update(notified_at=now)
    Response.objects.bulk_create(
        [Response(opportunity=opportunity, commune_id=pk, notified_at=now) for pk in commune_ids],
        ignore_conflicts=True,
    )


def announce(opportunity: Opportunity, now=None) -> int | None:
    """On publication: every eligible commune's focal points."""
    (opportunity,) = eligibility.with_conditions(Opportunity.objects.filter(pk=opportunity.pk))
    communes = [
        facts.commune.pk
        for facts in eligibility.commune_facts()
        if eligibility.check(opportunity, facts) is not None
    ]
    return tell(opportunity, Reason.PUBLISHED, communes, key=f"published:{opportunity.pk}", now=now)


def forward(opportunity: Opportunity, commune, now=None) -> int | None:
    """The federation points one commune to an opportunity (at most once a day). 0 when
    the commune has no focal point account (nothing recorded: it may be sent once one
    exists)."""
    if not focal_points([commune.pk]):
        return 0
    now = now or timezone.now()
    day = timezone.localdate(now)
    key = f"forwarded:{opportunity.pk}:{commune.pk}:{day.isoformat()}"
    return tell(opportunity, Reason.FORWARDED, [commune.pk], key=key, now=now)


def due_reminder(opportunity: Opportunity, now: datetime) -> str | None:
    """The reminder due now, if any: the last one whose time has come and whose window
    (until the next reminder, or the deadline) is still open. An opportunity published
    after a reminder's time skips that reminder."""
    times = [(reason, opportunity.reminder_at(days)) for reason, days in REMINDERS.items()]
    ends = [when for _reason, when in times[1:]] + [opportunity.closes_at]
    for (reason, when), end in zip(times, ends, strict=True):
        published = opportunity.published_at or opportunity.created_at
        if when and when <= now < end and published < when:
            return reason
    return None


def remind(now=None) -> int:
    """Queue the deadline reminders due now, to the communes still eligible that have not
    answered. Returns how many people were reminded."""
    now = now or timezone.now()
    horizon = now + timedelta(days=max(REMINDERS.values()) + 1)
    candidates = eligibility.with_conditions(
        Opportunity.objects.open(now).filter(closes_at__lte=horizon)
    )
    due = {}
    for opportunity in candidates:
        reason = due_reminder(opportunity, now)
        if reason:
            due[f"{reason}:{opportunity.pk}"] = (opportunity, reason)
    due = {k: v for k, v in due.items() if k not in _done(due)}
    if not due:
        return 0
    facts = eligibility.commune_facts()
    told = 0
    for key, (opportunity, reason) in due.items():
        answered = set(
            Response.objects.filter(opportunity=opportunity)
            .exclude(answer=Answer.NONE)
            .values_list("commune", flat=True)
        )
        communes = [
            fact.commune.pk
            for fact in facts
            if fact.commune.pk not in answered and eligibility.check(opportunity, fact) is not None
        ]
        told += tell(opportunity, reason, communes, key=key, now=now) or 0
    return told


def announce_missed(now=None) -> int:
    """Announce the open published opportunities whose announcement never ran (published
    from the admin, or a worker lost)."""
    now = now or timezone.now()
    opportunities = {f"published:{o.pk}": o for o in Opportunity.objects.open(now)}
    done = _done(opportunities)
    return sum(announce(o, now) or 0 for key, o in opportunities.items() if key not in done)


def _done(keys) -> set[str]:
    return set(Dispatch.objects.filter(key__in=list(keys)).values_list("key", flat=True))


def week_of(now: datetime) -> date:
    """The Monday of the week ``now`` falls in, in the federation's time zone."""
    day = timezone.localdate(now, ZoneInfo(settings.TIME_ZONE))
    return day - timedelta(days=day.weekday())


def digest(now=None) -> int:
    """After Monday's digest hour, queue last week's digest for everyone with a kind on
    "weekly": one e-mail grouping the week's new opportunities of those kinds. Returns
    how many digests were queued (0 if done already or nothing to tell)."""
    now = now or timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    monday = week_of(now)
    if now < datetime.combine(monday, time(DIGEST_HOUR), zone):
        monday -= timedelta(days=7)
    week = monday - timedelta(days=7)
    start = datetime.combine(week, time(0), zone)
    end = start + timedelta(days=7)
    key = f"digest:{week.isoformat()}"
    with transaction.atomic():
        dispatch = _first_time(key, now)
        if dispatch is None:
            return 0
        weekly: dict[int, set[str]] = defaultdict(set)
        for user_id, kind in Preference.objects.filter(frequency=Frequency.WEEKLY).values_list(
            "user", "kind"
        ):
            weekly[user_id].add(kind)
        notices = (
            Notice.objects.filter(
                user__in=list(weekly),
                user__is_active=True,
                reason__in=[Reason.PUBLISHED, Reason.FORWARDED],
                created_at__gte=start,
                created_at__lt=end,
            )
            .select_related("opportunity")
            .order_by("created_at", "pk")
        )
        grouped: dict[int, list[Notice]] = defaultdict(list)
        for notice in notices:
            if notice.opportunity.kind in weekly[notice.user_id]:
                grouped[notice.user_id].append(notice)
        queue(
            Reason.DIGEST,
            [(f"{key}:{user_id}", user_id, found) for user_id, found in sorted(grouped.items())],
        )
        dispatch.recipients = len(grouped)
        dispatch.save(update_fields=["recipients"])
    return len(grouped)
