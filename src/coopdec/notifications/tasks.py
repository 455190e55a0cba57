"""Background work of notifications, run by ``coopdec db_worker``: announcing a published
opportunity and sending the queued e-mails."""

from __future__ import annotations

from django_tasks import task

from coopdec.opportunities.models import Opportunity

from . import fanout, outbox


@task()
def announce_opportunity(opportunity_id: int) -> None:
    opportunity = Opportunity.objects.open().filter(pk=opportunity_id).first()
    if opportunity is not None:
        fanout.announce(opportunity)


@task()
def send_mail_batch() -> int:
    return outbox.send_due()
