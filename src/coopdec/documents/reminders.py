"""Agreements about to end: the focal points of the communes concerned are reminded 90 and
30 days before the end (or renewal) date, once per date — a new date reminds again."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from coopdec.accounts.models import focal_points
from coopdec.notifications import fanout
from coopdec.notifications.enums import Reason
from coopdec.review.registry import kind_of

from .models import Document

# Each reminder and how many days before the end it is due, longest first.
AGREEMENT_REMINDERS = {Reason.AGREEMENT_90: 90, Reason.AGREEMENT_30: 30}


def due_reminder(document: Document, today) -> str | None:
    """The reminder due ``today``: the shortest one whose time has come."""
    if document.ends_on is None or document.ends_on < today:
        return None
    left = (document.ends_on - today).days
    due = [reason for reason, days in AGREEMENT_REMINDERS.items() if left <= days]
    return due[-1] if due else None


def remind(now: datetime | None = None) -> int:
    """Queue the agreement reminders due now; returns how many people were reminded. An
    agreement replaced by a later one on the same page is not reminded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=max(AGREEMENT_REMINDERS.values()))
    ending = Document.objects.published().current(today).filter(ends_on__lte=horizon)
    due = {}
    for document in ending.select_related("owner_type"):
        reason = due_reminder(document, today)
        later = (
            Document.objects.published()
            .current(today)
            .filter(root_type=document.root_type_id, root_id=document.root_id)
            .filter(ends_on__gt=document.ends_on)
        )
        if reason and not later.exists():
            due[f"{reason}:{document.pk}:{document.ends_on.isoformat()}"] = (document, reason)
    told = 0
    for key in set(due) - fanout.done(due):
        document, reason = due[key]
        owner = document.owner
        if owner is None:
            continue
        recipients = focal_points(kind_of(owner).communes(owner))
        told += (
            fanout.notify(document, reason, recipients, topic="agreements", key=key, now=now) or 0
        )
    return told
