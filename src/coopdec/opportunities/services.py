"""Writing opportunities: one way for the federation's form, an accepted proposal, the
demo data and tests."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coopdec.notifications.models import Notice
from coopdec.review.registry import write_fields

from .models import Opportunity, Response
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


def opened(opportunity: Opportunity, user, eligible_communes, *, now) -> None:
    """A member opened a published opportunity's page: a read receipt, idempotent (kept on
    reading, as the follow-up needs it). Side effects: their notices about it are read; for
    their eligible communes, it is marked seen (the first time only)."""
    Notice.objects.filter(user=user, opportunity=opportunity, read_at=None).update(read_at=now)
    if not eligible_communes:
        return
    Response.objects.filter(
        opportunity=opportunity, commune__in=list(eligible_communes), seen_at__isnull=True
    ).update(seen_at=now)
    Response.objects.bulk_create(
        [Response(opportunity=opportunity, commune_id=pk, seen_at=now) for pk in eligible_communes],
        ignore_conflicts=True,
    )
