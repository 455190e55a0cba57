"""How complete and how fresh each commune's record is: what drives the data collection."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext_lazy as _

from coopdec.core import versions
from coopdec.directory.enums import PositionRole
from coopdec.directory.models import Position
from coopdec.documents.models import Document
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Indicator, Project
from coopdec.territories.models import Area

CHECKS = {
    "focal_point": _("a cooperation focal point is named"),
    "population": _("the population is known"),
    "partnership": _("at least one partnership is recorded"),
    "agreements": _("every signed partnership has its agreement file"),
    "agreements_current": _("no ongoing partnership's agreement has expired"),
    "budgets": _("every project has a funding plan"),
    "results": _("every project has a result indicator"),
}
SIGNED_KINDS = [PartnershipKind.TWINNING, PartnershipKind.AGREEMENT, PartnershipKind.FRIENDSHIP]


@dataclass
class Completeness:
    commune: Area
    missing: list[str] = field(default_factory=list)
    checked: int = 0
    last_update: datetime | None = None

    @property
    def score(self) -> int:
        """Percentage of the expected facts that are there."""
        return round(100 * (self.checked - len(self.missing)) / self.checked) if self.checked else 0

    @property
    def missing_labels(self) -> list[str]:
        return [str(CHECKS[key]) for key in self.missing]


def _ids(queryset, column: str = "partnership__local_government_id") -> set[int]:
    # Without the models' orderings: DISTINCT would keep one row per sorted record.
    return set(queryset.order_by().values_list(column, flat=True).distinct())


def completeness(communes=None) -> list[Completeness]:
    """One ``Completeness`` per commune, in a fixed number of queries."""
    communes = list(
        (communes if communes is not None else Area.objects.communes()).select_related(*Area.PLACE)
    )
    ids = [commune.pk for commune in communes]
    partnerships = Partnership.objects.published().filter(local_government_id__in=ids)
    projects = Project.objects.published().filter(partnership__in=partnerships)
    focal = set(
        Position.objects.filter(
            area_id__in=ids, role=PositionRole.FOCAL_POINT, end_date__isnull=True
        ).values_list("area_id", flat=True)
    )
    # The communes with a partnership, and when their partnerships last changed.
    updates = dict(
        partnerships.order_by().values_list("local_government_id").annotate(last=Max("updated_at"))
    )
    with_partnership = set(updates)
    agreements = (
        Document.objects.published()
        .agreements()
        .filter(root_type=ContentType.objects.get_for_model(Partnership), root_id=OuterRef("pk"))
    )
    signed = partnerships.filter(kind__in=SIGNED_KINDS).exclude(status=PartnershipStatus.EXPLORING)
    without_agreement = _ids(signed.exclude(Exists(agreements)), "local_government_id")
    with_agreement = _ids(signed.filter(Exists(agreements)), "local_government_id")
    expired = _ids(
        signed.exclude(status=PartnershipStatus.ENDED)
        .filter(Exists(agreements))
        .exclude(Exists(agreements.current())),
        "local_government_id",
    )
    with_projects = _ids(projects)
    lines = FundingLine.objects.published().filter(project=OuterRef("pk"))
    without_budget = _ids(projects.exclude(Exists(lines)))
    indicators = Indicator.objects.published().filter(project=OuterRef("pk"))
    without_results = _ids(projects.exclude(Exists(indicators)))
    results = []
    for commune in communes:
        item = Completeness(commune)
        facts = {
            "focal_point": commune.pk in focal,
            "population": bool(commune.population),
            "partnership": commune.pk in with_partnership,
        }
        # The agreement and project checks only apply once there is something to check.
        if commune.pk in with_partnership:
            facts["agreements"] = commune.pk not in without_agreement
        if commune.pk in with_agreement:
            facts["agreements_current"] = commune.pk not in expired
        if commune.pk in with_projects:
            facts["budgets"] = commune.pk not in without_budget
            facts["results"] = commune.pk not in without_results
        item.checked = len(facts)
        item.missing = [key for key in CHECKS if key in facts and not facts[key]]
        dates = [commune.updated_at, updates.get(commune.pk)]
        item.last_update = max(d for d in dates if d is not None)
        results.append(item)
    return results


def of_commune(commune: Area) -> Completeness:
    """One commune's completeness (its page, its profile), computed once per version of the
    data: nine queries a commune page need not send at every visit."""
    return versions.remembered(
        f"completeness:{commune.pk}",
        lambda: completeness(Area.objects.filter(pk=commune.pk))[0],
    )
