"""What a commune's (or a partner local government's) page shows of its cooperation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from coopdec.core.collation import by_name
from coopdec.documents.models import Document
from coopdec.partnerships.models import Event, Partnership
from coopdec.partnerships.rules import VIEW_PARTNERSHIP
from coopdec.projects.models import FundingLine, Project
from coopdec.projects.views import funding_totals
from coopdec.territories.rules import CHANGE_AREA

from .completeness import of_commune


def area_summary(area, user) -> dict[str, Any]:
    partnerships = (
        Partnership.objects.visible_to(user)
        .involving(area)
        .select_related("local_government")
        .prefetch_related("partner_governments")
    )
    ids = list(partnerships.order_by().values_list("pk", flat=True))
    summary = {
        "partnerships": partnerships,
        "partnership_ids": ids,
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
        summary["completeness"] = of_commune(area)
    return summary


# A commune's page lists its first partnerships and projects, then links to the lists
# filtered on it: the busiest commune of the benchmark has 138 partnerships and 169 projects,
# a page of 300 lines on a phone (and 145 ms to draw on PostgreSQL).
SHOWN = 20


def area_section(area, user) -> dict:
    """On an area's page, for those who read partnerships: its cooperation, the first
    ``SHOWN`` partnerships and projects with their counts, the figures over all of them."""
    if not user.has_perm(VIEW_PARTNERSHIP):
        return {}
    summary = area_summary(area, user)
    partnerships = summary["partnerships"].order_by(by_name("name"), "pk")
    projects = summary["projects"].order_by("-start_date", "title", "pk")
    shown_partnerships, shown_projects = list(partnerships[:SHOWN]), list(projects[:SHOWN])
    summary |= {
        "partnerships": shown_partnerships,
        "more_partnerships": len(summary["partnership_ids"]) - len(shown_partnerships),
        "projects": shown_projects,
        "more_projects": projects.count() - len(shown_projects) if shown_projects else 0,
    }
    if area.is_commune:
        # The lists filtered on the commune show the same records (``involving``).
        summary["all_partnerships_url"] = _filtered(reverse("partnerships:partnership_list"), area)
        summary["all_projects_url"] = _filtered(reverse("projects:project_list"), area)
    return {"cooperation": summary}


def _filtered(address: str, commune) -> str:
    return f"{address}?{urlencode({'commune': commune.slug})}"
