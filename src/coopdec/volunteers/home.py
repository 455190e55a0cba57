"""On the home page: a volunteer's surveys waiting for them; for the federation, the
requests for erasure not yet carried out."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section

from . import services
from .models import Invitation, Volunteer


def section(user) -> Section | None:
    if user.is_federation:
        asked = list(
            Volunteer.objects.filter(
                erasure_asked_at__isnull=False, erased_at__isnull=True
            ).order_by("erasure_asked_at")[:20]
        )
        if not asked:
            return None
        return Section(
            _("Erasures asked by volunteers"), "volunteers/home/erasures.html", {"asked": asked}
        )
    waiting = list(
        Invitation.objects.filter(
            mission__volunteer__account=user,
            mission__volunteer__erased_at__isnull=True,
            sent_at__isnull=False,
            answered_at__isnull=True,
            closes_on__gte=timezone.localdate(),
        )
        .select_related("wave")
        .order_by("due_on")
    )
    if not waiting:
        return None
    surveys = [(invitation, services.link(invitation)) for invitation in waiting]
    return Section(
        _("Surveys waiting for you"), "volunteers/home/surveys.html", {"surveys": surveys}
    )
