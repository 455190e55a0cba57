"""Background work of opportunities, run by ``coopdec db_worker``: announcing a published
opportunity to the eligible communes."""

from __future__ import annotations

from django_tasks import task

from . import announcements
from .models import Opportunity


@task()
def announce_opportunity(opportunity_id: int) -> None:
    opportunity = Opportunity.objects.open().filter(pk=opportunity_id).first()
    if opportunity is not None:
        announcements.announce(opportunity)
