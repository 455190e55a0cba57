"""Sending the queued e-mails, once each, from any number of workers.

A worker *claims* an e-mail by moving it from pending to sending in one conditional UPDATE
(``claim``): of two workers, one wins, on PostgreSQL as on SQLite. The claim is a lease: a
worker killed before it records "sent" leaves the e-mail in "sending" until the lease ends,
then any worker may claim it again. An e-mail counts as sent when the mail server accepted
it: a worker killed while the server has not yet answered leaves it to be sent again, and
the server drops the half-received copy. (What cannot be closed by any sender is the
instant between the server's "accepted" and our "sent" being written: a death there sends
the e-mail twice. The Message-ID is the same both times, so mail programs show one.)

A failed attempt is retried with growing back-off; after the last, or when the server
refuses the address outright, the e-mail is marked failed and listed for the federation.
"""

from __future__ import annotations

import logging
import math
import random
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import letters, links
from .enums import URGENT, Frequency, MailStatus, Reason
from .models import Mail, Preference

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd… failed attempt; one more failure marks it failed.
BACKOFF_MINUTES = (1, 5, 30, 120, 720)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# E-mails a sender task takes on before another task is worth queueing beside it.
PER_SENDER = 25


def lease() -> timedelta:
    return timedelta(seconds=settings.COOPDEC_MAIL_LEASE_SECONDS)


def due(now=None):
    """E-mails a worker may claim now: pending and due, or left "sending" by a worker
    whose lease has run out."""
    now = now or timezone.now()
    return Mail.objects.filter(
        Q(status=MailStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=MailStatus.SENDING, lease_until__lt=now)
    )


def claim(pk: int) -> bool:
    now = timezone.now()
    return (
        due(now)
        .filter(pk=pk)
        .update(status=MailStatus.SENDING, lease_until=now + lease(), attempts=F("attempts") + 1)
        == 1
    )


def wake(count: int) -> None:
    """Queue enough sender tasks for ``count`` e-mails (several workers share them)."""
    from .tasks import send_mail_batch  # here: the task module imports this one

    for _i in range(max(1, min(settings.COOPDEC_MAIL_SENDERS, math.ceil(count / PER_SENDER)))):
        send_mail_batch.enqueue()


def send_due() -> int:
    """Claim and send due e-mails until none is left; returns how many this call sent."""
    sent = 0
    connection = get_connection()
    try:
        while ids := list(due().values_list("pk", flat=True)[:50]):
            random.shuffle(ids)  # two workers start on different e-mails
            for pk in ids:
                if claim(pk):
                    sent += deliver(pk, connection)
    finally:
        connection.close()
    return sent


def deliver(pk: int, connection) -> int:
    """Send one claimed e-mail; 1 if it was sent."""
    mail = Mail.objects.select_related("user").get(pk=pk)
    mine = Mail.objects.filter(pk=pk, status=MailStatus.SENDING, attempts=mail.attempts)
    now = timezone.now()
    try:
        message = letters.write(mail) if mail.user_id is None else to_account(mail)
        if message is None:
            mine.update(status=MailStatus.CANCELLED, lease_until=None)
            return 0
        message.connection = connection
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        mine.update(status=MailStatus.FAILED, lease_until=None, last_error=str(error)[:2000])
        return 0
    except Exception as error:  # a mail server down, a template broken: retry later
        logger.warning("E-mail %s not sent (attempt %s): %s", mail.key, mail.attempts, error)
        connection.close()  # the next e-mail opens a fresh connection
        if mail.attempts >= MAX_ATTEMPTS:
            mine.update(status=MailStatus.FAILED, lease_until=None, last_error=str(error)[:2000])
        else:
            wait = timedelta(minutes=BACKOFF_MINUTES[mail.attempts - 1])
            mine.update(
                status=MailStatus.PENDING,
                lease_until=None,
                next_attempt_at=now + wait,
                last_error=str(error)[:2000],
            )
        return 0
    mine.update(status=MailStatus.SENT, sent_at=timezone.now(), lease_until=None, last_error="")
    return 1


def to_account(mail: Mail) -> EmailMultiAlternatives | None:
    """The e-mail telling an account its notices, or None if it no longer wants it."""
    notices = list(
        mail.notices.select_related("content_type")
        .prefetch_related("subject", "communes")
        .order_by("pk")
    )
    # A notice whose subject was deleted since tells nothing any more.
    notices = [notice for notice in notices if notice.subject is not None]
    if not wanted(mail, notices):
        return None
    return compose(mail, notices)


def retry_now(mail: Mail) -> None:
    """The federation asks for one more attempt at a failed or waiting e-mail."""
    Mail.objects.filter(pk=mail.pk, status__in=[MailStatus.FAILED, MailStatus.PENDING]).update(
        status=MailStatus.PENDING,
        next_attempt_at=timezone.now(),
        attempts=min(mail.attempts, MAX_ATTEMPTS - 1),
    )
    wake(1)


def wanted(mail: Mail, notices: list) -> bool:
    """Whether the person still wants this e-mail now (their choice may have changed
    since it was queued: unsubscribed, or moved to the weekly digest)."""
    user = mail.user
    if user is None or not (user.is_active and user.email):
        return False
    if not notices:
        return False  # what it was about was deleted since
    known = Preference.of([user.pk])
    chosen = {Preference.chosen(known, user.pk, notice.topic) for notice in notices}
    if mail.reason == Reason.DIGEST:
        return Frequency.WEEKLY in chosen
    if mail.reason in URGENT:
        return bool(chosen - {Frequency.NONE})
    return Frequency.IMMEDIATE in chosen


def compose(mail: Mail, notices: list) -> EmailMultiAlternatives:
    """The e-mail in the person's language: text and HTML, with the links to their
    preferences and to unsubscribe in one click (also as List-Unsubscribe headers)."""
    user = mail.user
    assert user is not None, "an e-mail of notices goes to an account"
    site = settings.COOPDEC_SITE_URL.rstrip("/")
    token = links.token_for(user)
    with translation.override(user.language):
        context = {
            "mail": mail,
            "user": user,
            "notices": notices,
            "site": site,
            "preferences_url": site + reverse("notifications:preferences_link", args=[token]),
            "unsubscribe_url": site + reverse("notifications:unsubscribe", args=[token]),
            "federation_name": settings.COOPDEC_FEDERATION_NAME,
        }
        subject = subject_of(mail, notices)
        text = render_to_string("notifications/mail/message.txt", context)
        html = render_to_string("notifications/mail/message.html", context)
    domain = (settings.DEFAULT_FROM_EMAIL or "").rsplit("@", 1)[-1].strip(">") or "coopdec.invalid"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            # The same e-mail keeps the same Message-ID if it is ever sent twice.
            "Message-ID": f"<{mail.key.replace(':', '.')}@{domain}>",
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def subject_of(mail: Mail, notices) -> str:
    if mail.reason == Reason.DIGEST:
        return ngettext(
            "[coopdec] Your week: %(count)s notice",
            "[coopdec] Your week: %(count)s notices",
            len(notices),
        ) % {"count": len(notices)}
    # A line break in a title would end the Subject header: the e-mail would not be sent.
    title = " ".join(str(notices[0].subject).split()) if notices else ""
    subjects = {
        Reason.PUBLISHED: _("[coopdec] New opportunity: %(title)s"),
        Reason.FORWARDED: _("[coopdec] The federation suggests: %(title)s"),
        Reason.REMINDER_14: _("[coopdec] 14 days left: %(title)s"),
        Reason.REMINDER_3: _("[coopdec] 3 days left: %(title)s"),
        Reason.PROPOSED: _("[coopdec] To review: %(title)s"),
        Reason.ACCEPTED: _("[coopdec] Accepted: %(title)s"),
        Reason.REJECTED: _("[coopdec] Refused: %(title)s"),
        Reason.AGREEMENT_90: _("[coopdec] Agreement ends within 90 days: %(title)s"),
        Reason.AGREEMENT_30: _("[coopdec] Agreement ends within 30 days: %(title)s"),
        Reason.ACTION_DUE: _("[coopdec] Action due in 3 days: %(title)s"),
        Reason.ACTION_OVERDUE: _("[coopdec] Action overdue: %(title)s"),
        Reason.REPORT_ISSUED: _("[coopdec] %(title)s"),
        Reason.ERASURE_ASKED: _("[coopdec] Erasure asked: %(title)s"),
        Reason.MINUTES_SHARED: _("[coopdec] Minutes to comment: %(title)s"),
        Reason.COMMENTED: _("[coopdec] New comment: %(title)s"),
        Reason.NEWSLETTER_DRAFT: _("[coopdec] Newsletter to send: %(title)s"),
    }
    # A reason without its own subject still goes, under the notice's title.
    return subjects.get(Reason(mail.reason), _("[coopdec] %(title)s")) % {"title": title}
