"""E-mails to people without an account (a volunteer invited to a survey…): *letters*.

The outbox knows no domain: the app owning the record a letter is about registers, for that
model, a writer that returns the message to send now — or None when it is no longer
wanted (consent withdrawn, address erased, already answered). The writer is called at
sending time, so that the address and the person's wishes are read then, never copied into
the outbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models

from .enums import MailStatus
from .models import Mail

Writer = Callable[[Mail, Any], EmailMultiAlternatives | None]

_writers: dict[str, Writer] = {}


def register(model: type[models.Model], writer: Writer) -> None:
    _writers[model._meta.label_lower] = writer


def write(mail: Mail) -> EmailMultiAlternatives | None:
    """The letter ``mail`` stands for, as it should go now; None if it should not."""
    subject = mail.letter
    if subject is None:
        return None  # what it was about was deleted since
    return _writers[subject._meta.label_lower](mail, subject)


def queue(key: str, reason: str, subject: models.Model) -> bool:
    """Queue the letter ``key`` about ``subject`` (once: a key already queued is left as
    it is). Returns whether it was queued now; the caller wakes the senders."""
    _mail, created = Mail.objects.get_or_create(
        key=key,
        defaults={
            "reason": reason,
            "letter_type": ContentType.objects.get_for_model(subject),
            "letter_id": subject.pk,
        },
    )
    return created


def cancel(model: type[models.Model], ids) -> int:
    """Cancel the letters still waiting about these records; returns how many."""
    return Mail.objects.filter(
        letter_type=ContentType.objects.get_for_model(model),
        letter_id__in=list(ids),
        status=MailStatus.PENDING,
    ).update(status=MailStatus.CANCELLED, lease_until=None)


def forget(model: type[models.Model], ids) -> int:
    """Delete every letter, sent or not, about these records (a person erased); returns
    how many."""
    deleted, _by_model = Mail.objects.filter(
        letter_type=ContentType.objects.get_for_model(model), letter_id__in=list(ids)
    ).delete()
    return deleted
