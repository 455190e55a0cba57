"""Background work of notifications, run by ``coopdec db_worker``: sending the queued
e-mails."""

from __future__ import annotations

from django_tasks import task

from . import outbox


@task()
def send_mail_batch() -> int:
    return outbox.send_due()
