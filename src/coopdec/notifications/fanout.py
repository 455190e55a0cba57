"""Telling people: one fan-out for any subject, and the weekly digests. Each fan-out is done
once (its ``Dispatch`` key is unique) and whole (one transaction: inbox notices and queued
e-mails). Who is told, and when, is the calling app's business (opportunities announce
themselves to eligible communes, a decision reaches the proposal's author…): this module
only knows people, the communes a notice concerns and each person's preferences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from . import outbox
from .enums import URGENT, Frequency, Reason
from .models import Dispatch, Mail, Notice, Preference

# Weekly digests cover Monday to Sunday in the federation's time zone and leave on Monday
# morning.
DIGEST_HOUR = 7


def mail_now(reason: str, frequency: str) -> bool:
    """Whether a notice for ``reason`` is e-mailed on its own to someone who chose
    ``frequency``: news at once for "at once"; reminders for anyone not "never" (a digest
    would come too late)."""
    if reason in URGENT:
        return frequency != Frequency.NONE
    return frequency == Frequency.IMMEDIATE


def notify(
    subject: models.Model,
    reason: str,
    recipients: Mapping[int, Iterable[int]],
    *,
    topic: str,
    key: str,
    now: datetime | None = None,
) -> int | None:
    """Tell ``recipients`` (account id → the ids of the communes the notice concerns for
    them) about ``subject``: a notice in each inbox, an e-mail queued for those who want one
    now (their preference for ``topic``). Returns how many people were told, or None when
    ``key`` was done already. Runs in the caller's transaction if there is one; the senders
    are woken once it commits."""
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _first_time(key, now)
        if dispatch is None:
            return None
        content_type = ContentType.objects.get_for_model(subject)
        known = Preference.of(recipients)
        notices = Notice.objects.bulk_create(
            Notice(
                user_id=user_id,
                content_type=content_type,
                object_id=subject.pk,
                topic=topic,
                reason=reason,
                created_at=now,
            )
            for user_id in sorted(recipients)
        )
        Notice.communes.through.objects.bulk_create(
            Notice.communes.through(notice_id=notice.pk, area_id=area_id)
            for notice in notices
            for area_id in sorted(set(recipients[notice.user_id]))
        )
        wanted = [
            notice
            for notice in notices
            if mail_now(reason, Preference.chosen(known, notice.user_id, topic))
        ]
        queue(reason, [(f"{key}:{notice.user_id}", notice.user_id, [notice]) for notice in wanted])
        dispatch.recipients = len(notices)
        dispatch.save(update_fields=["recipients"])
    return len(notices)


def _first_time(key: str, now) -> Dispatch | None:
    """Record the fan-out ``key`` as done (inside the caller's transaction), or None if it
    was done already, by this process or another."""
    try:
        with transaction.atomic():
            return Dispatch.objects.create(key=key, done_at=now)
    except IntegrityError:
        return None


def done(keys) -> set[str]:
    """Which of the fan-out ``keys`` were done already."""
    return set(Dispatch.objects.filter(key__in=list(keys)).values_list("key", flat=True))


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


def week_of(now: datetime) -> date:
    """The Monday of the week ``now`` falls in, in the federation's time zone."""
    day = timezone.localdate(now, ZoneInfo(settings.TIME_ZONE))
    return day - timedelta(days=day.weekday())


def digest(now=None) -> int:
    """After Monday's digest hour, queue last week's digest for everyone with a topic on
    "weekly": one e-mail grouping the week's notices of those topics (reminders are never
    held for a digest). Returns how many digests were queued (0 if done already or
    nothing to tell)."""
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
        for user_id, topic in Preference.objects.filter(frequency=Frequency.WEEKLY).values_list(
            "user", "topic"
        ):
            weekly[user_id].add(topic)
        notices = (
            Notice.objects.filter(
                user__in=list(weekly),
                user__is_active=True,
                created_at__gte=start,
                created_at__lt=end,
            )
            .exclude(reason__in=[*URGENT, Reason.DIGEST])
            .order_by("created_at", "pk")
        )
        grouped: dict[int, list[Notice]] = defaultdict(list)
        for notice in notices:
            if notice.topic in weekly[notice.user_id]:
                grouped[notice.user_id].append(notice)
        queue(
            Reason.DIGEST,
            [(f"{key}:{user_id}", user_id, found) for user_id, found in sorted(grouped.items())],
        )
        dispatch.recipients = len(grouped)
        dispatch.save(update_fields=["recipients"])
    return len(grouped)
