"""On the home page: the open opportunities one's communes may answer and have not, the
soonest deadline first; for the federation, those closing within two weeks."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.home import Section
from coopdec.territories.models import Area

from . import eligibility
from .models import Opportunity, Response
from .rules import ANSWER_OPPORTUNITY, MANAGE_OPPORTUNITY


def section(user) -> Section | None:
    now = timezone.now()
    if user.has_perm(MANAGE_OPPORTUNITY):
        closing = list(
            Opportunity.objects.open(now)
            .filter(closes_at__lte=now + timedelta(days=14))
            .order_by("closes_at")[:20]
        )
        if not closing:
            return None
        rows = [(None, opportunity) for opportunity in closing]
        return Section(
            _("Opportunities closing soon"), "opportunities/home/open.html", {"rows": rows}
        )
    if not user.has_perm(ANSWER_OPPORTUNITY):
        return None
    communes = list(Area.objects.communes().filter(pk__in=user.scoped_area_ids()))
    found = eligibility.open_opportunities_for(communes, at=now)
    answered = set(
        Response.objects.filter(commune__in=communes)
        .exclude(answer="")
        .values_list("opportunity_id", "commune_id")
    )
    rows = [
        (commune, opportunity)
        for commune in communes
        for opportunity, _eligible in found.get(commune.pk, [])
        if (opportunity.pk, commune.pk) not in answered
    ]
    if not rows:
        return None
    rows.sort(key=lambda row: (row[1].closes_at is None, row[1].closes_at or now))
    return Section(
        _("Opportunities for my communes"), "opportunities/home/open.html", {"rows": rows[:20]}
    )
