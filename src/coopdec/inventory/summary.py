"""What a commune's (or a partner local government's) page shows of its cooperation."""

from __future__ import annotations

from typing import Any

from coopdec.documents.models import Document
from coopdec.partnerships.models import Event, Partnership
from coopdec.partnerships.rules import VIEW_PARTNERSHIP
from coopdec.projects.models import FundingLine, Project
from coopdec.projects.views import funding_totals
from coopdec.territories.rules import CHANGE_AREA

from .completeness import completeness


def area_summary(area, user) -> dict[str, Any]:
    partnerships = (
        Partnership.objects.visible_to(user)
        .filter(Partnership.involving_q([area.pk]))
        .select_related("local_government")
        .prefetch_related("partner_governments")
    )
    ids = list(partnerships.values_list("pk", flat=True))
    summary = {
        "partnerships": partnerships,
        "projects": Project.objects.visible_to(user)
        .filter(partnership_id__in=ids)
        .select_related("partnership"),
        "funding": funding_totals(
            FundingLine.objects.visible_to(user).filter(project__partnership_id__in=ids)
        ),
        "events": Event.objects.visible_to(user)
        .filter(partnership_id__in=ids)
        .select_related("partnership")[:20],
        "documents": Document.objects.readable_by(user).within_any(Partnership, ids),
        "completeness": None,
    }
    if area.is_commune and user.has_perm(CHANGE_AREA, area):
        summary["completeness"] = completeness(type(area).objects.filter(pk=area.pk))[0]
    return summary


def area_section(area, user) -> dict:
    """On an area's page, for those who read partnerships: its cooperation in full."""
    if not user.has_perm(VIEW_PARTNERSHIP):
        return {}
    return {"cooperation": area_summary(area, user)}
