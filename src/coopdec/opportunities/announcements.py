"""Who hears of an opportunity, and when: on publication, on the federation's suggestion,
before the deadline. Each fan-out goes through ``notifications.fanout.notify`` (done once,
whole) and marks the communes as reached in the same transaction.

The recipients of a commune are its focal points: the active accounts with the focal point
role whose scope holds the commune. A notice's topic is the opportunity's kind, so people
choose per kind how often they hear.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from coopdec.accounts.models import focal_points
from coopdec.notifications import fanout
from coopdec.notifications.enums import REMINDERS, Reason

from . import eligibility
from .enums import Answer
from .models import Opportunity, Response


def tell(opportunity: Opportunity, reason: str, commune_ids, *, key: str, now=None) -> int | None:
    """Tell the focal points of ``commune_ids`` about ``opportunity`` and mark the communes
    reached. Returns how many people were told, or None when ``key`` was done already."""
    now = now or timezone.now()
    with transaction.atomic():
        recipients = focal_points(sorted(set(commune_ids)))
        told = fanout.notify(
            opportunity, reason, recipients, topic=opportunity.kind, key=key, now=now
        )
        if told is not None:
            reach(opportunity, {pk for communes in recipients.values() for pk in communes}, now)
    return told


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
        if when and end and when <= now < end and published and published < when:
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
    due = {k: v for k, v in due.items() if k not in fanout.done(due)}
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
    done = fanout.done(opportunities)
    return sum(announce(o, now) or 0 for key, o in opportunities.items() if key not in done)
