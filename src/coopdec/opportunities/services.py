"""Writing opportunities: one way for the federation's form, an accepted proposal, the
demo data and tests."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coopdec.review.registry import write_fields

from .models import Opportunity
from .tasks import announce_opportunity


def write_opportunity(opportunity: Opportunity, values: dict) -> Opportunity:
    """Save ``values`` to ``opportunity``. Side effects: once published, it gets its
    publication time (the first one stays) and, after the commit, its announcement to the
    eligible communes is queued (done once: the announcement is keyed)."""
    with transaction.atomic():
        if values.get("published", opportunity.published) and opportunity.published_at is None:
            opportunity.published_at = timezone.now()
        write_fields(opportunity, values)
        if opportunity.published:
            pk = opportunity.pk
            transaction.on_commit(lambda: announce_opportunity.enqueue(pk))
    return opportunity
