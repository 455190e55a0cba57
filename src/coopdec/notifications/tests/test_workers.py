"""Each e-mail is sent once with real worker processes on PostgreSQL: two workers share a
batch, one is killed while a mail server holds its e-mail, then restarted; the periodic
command picks up what the dead worker held. A real SMTP server (aiosmtpd, in this test)
counts what it accepts."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from coopdec.accounts.enums import Role
from coopdec.conftest import commune, new_user
from coopdec.notifications.enums import MailStatus
from coopdec.notifications.models import Mail
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several worker processes share a database server: runs on PostgreSQL",
    ),
]

PEOPLE = 60
LEASE_SECONDS = 3


class Sink:
    """An SMTP server's handler: records what it accepts; may stall on its n-th e-mail
    without accepting it (the sender is killed meanwhile)."""

    def __init__(self, delay: float = 0.0, hold_at: int | None = None) -> None:
        self.accepted: list[tuple[str, str]] = []
        self.count = 0
        self.delay, self.hold_at = delay, hold_at
        self.holding, self.release = threading.Event(), threading.Event()
        self.held_for = ""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.count += 1
        if self.count == self.hold_at:
            self.held_for = envelope.rcpt_tos[0]
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Not accepted"
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content)
        self.accepted.append((message["Message-ID"], envelope.rcpt_tos[0]))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(handler: Sink) -> tuple[Controller, int]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def environment(port: int, tmp_path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopdec.settings.embedded",
        "DATABASE_URL": url,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "COOPDEC_MAIL_LEASE_SECONDS": str(LEASE_SECONDS),
        "COOPDEC_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "test-only-secret",
    }


def coopdec(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "coopdec", *args], env=env)


def worker(env: dict[str, str]) -> subprocess.Popen:
    return coopdec(
        "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "-v0", env=env
    )


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def test_two_workers_and_a_killed_one_send_each_email_exactly_once(tmp_path):
    call_command("load_reference", verbosity=0)  # transactional tests start empty
    people = []
    for number in range(PEOPLE):
        person = new_user(username=f"pf{number:02}", role=Role.FOCAL_POINT)
        person.local_governments.set([commune("kloto-1")])
        people.append(person)
    opportunity = Opportunity.objects.create(kind="training", title="Formation", published=True)

    held, other = Sink(hold_at=5), Sink(delay=0.03)
    (server_a, port_a), (server_b, port_b) = serve(held), serve(other)
    processes = []
    try:
        announcements.announce(opportunity)  # 60 e-mails queued, sender tasks queued
        assert Mail.objects.filter(status=MailStatus.PENDING).count() == PEOPLE
        env_a, env_b = environment(port_a, tmp_path), environment(port_b, tmp_path)
        a, b = worker(env_a), worker(env_b)
        processes += [a, b]

        # Worker A is killed while the server has its 5th e-mail but has not accepted it.
        assert held.holding.wait(60), "worker A never sent its 5th e-mail"
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        held.release.set()
        processes.append(worker(env_a))  # restarted

        # The e-mail A held stays claimed until its lease ends; then the periodic command
        # (cron in production) wakes a sender for it.
        # (A sender still busy when the lease ends may take it up first: also fine.)
        wait_for(
            lambda: Mail.objects.filter(status=MailStatus.SENT).count() >= PEOPLE - 1,
            60,
            "every e-mail but the dead worker's to be sent",
        )
        claimed = Mail.objects.get(user__email=held.held_for)
        if claimed.lease_until:
            wait_for(lambda: timezone.now() > claimed.lease_until, LEASE_SECONDS + 5, "the lease")
        coopdec("schedule_notifications", "-v0", env=env_b).wait(60)
        wait_for(
            lambda: Mail.objects.filter(status=MailStatus.SENT).count() == PEOPLE,
            60,
            "the dead worker's e-mail to be sent",
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(10)
        server_a.stop()
        server_b.stop()

    accepted = held.accepted + other.accepted
    per_person = Counter(to for _id, to in accepted)
    assert sorted(per_person) == sorted(person.email for person in people)
    assert set(per_person.values()) == {1}  # each exactly once
    assert len({message_id for message_id, _to in accepted}) == PEOPLE
    # Both workers sent some before the kill; the held e-mail went on a second attempt.
    assert len(held.accepted) >= 4 and len(other.accepted) >= 1
    claimed.refresh_from_db()
    assert claimed.status == MailStatus.SENT and claimed.attempts == 2
