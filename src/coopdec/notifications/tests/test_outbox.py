"""A mail server that fails: the e-mail waits longer after each failed attempt, is marked
failed after the last, and the federation sees it and can send it again."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coopdec.accounts.enums import Role
from coopdec.conftest import commune, new_user
from coopdec.notifications import outbox
from coopdec.notifications.enums import MailStatus
from coopdec.notifications.models import Mail
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(db):
    person = new_user(username="afi", role=Role.FOCAL_POINT)
    person.local_governments.set([commune("kloto-1")])
    opportunity = Opportunity.objects.create(kind="training", title="Formation", published=True)
    announcements.announce(opportunity)
    return Mail.objects.get()


def failing(monkeypatch, error):
    def send_messages(self, messages):
        raise error

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", send_messages
    )


def test_a_failing_server_is_retried_with_growing_waits_then_failed(queued, monkeypatch):
    failing(monkeypatch, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    waits = []
    for _attempt in range(outbox.MAX_ATTEMPTS):
        before = timezone.now()
        assert outbox.send_due() == 0
        queued.refresh_from_db()
        if queued.status == MailStatus.PENDING:
            waits.append(round((queued.next_attempt_at - before).total_seconds() / 60))
            # Nothing is due until the wait is over.
            assert not outbox.due().exists()
            Mail.objects.filter(pk=queued.pk).update(next_attempt_at=timezone.now())
    assert waits == [1, 5, 30, 120, 720]
    assert queued.status == MailStatus.FAILED and queued.attempts == 6
    assert "Connection unexpectedly closed" in queued.last_error


def test_a_refused_address_fails_at_once(queued, monkeypatch):
    failing(monkeypatch, smtplib.SMTPRecipientsRefused({"afi@example.org": (550, b"No such user")}))
    outbox.send_due()
    queued.refresh_from_db()
    assert queued.status == MailStatus.FAILED and queued.attempts == 1
    assert "No such user" in queued.last_error


def test_the_federation_sees_failures_and_sends_again(
    queued, monkeypatch, client_for, users, django_capture_on_commit_callbacks
):
    failing(monkeypatch, smtplib.SMTPRecipientsRefused({"afi@example.org": (550, b"No such user")}))
    outbox.send_due()
    monkeypatch.undo()
    staff = client_for(users["staff"])
    page = staff.get(reverse("notifications:outbox")).content.decode()
    assert "afi" in page and "No such user" in page and "Réessayer maintenant" in page
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("notifications:retry", args=[queued.pk]))
    assert outbox.send_due() == 1
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and mail.outbox[0].to == ["afi@example.org"]
    # A focal point cannot see the outbox or send again.
    focal = client_for(users["focal_point"])
    assert focal.get(reverse("notifications:outbox")).status_code == 403
    assert focal.post(reverse("notifications:retry", args=[queued.pk])).status_code == 403


def test_a_dead_workers_email_is_sent_again_once_its_lease_ends(queued, settings):
    # A worker claimed it, then died before sending.
    assert outbox.claim(queued.pk)
    assert not outbox.claim(queued.pk)  # nobody else may take it meanwhile
    assert outbox.send_due() == 0
    Mail.objects.filter(pk=queued.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert outbox.send_due() == 1
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.attempts == 2
    assert len(mail.outbox) == 1
