"""Which communes may answer an opportunity, and why: the one implementation that pages,
notifications and the API use.

Each condition the opportunity sets must hold; every one that holds gives the commune a
reason in words. A commune "works on" a theme when one of its published partnerships or
projects has it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import Project
from coopdec.territories.enums import SizeClass
from coopdec.territories.models import Area

from .enums import PartnershipCondition
from .models import Opportunity

# Partnerships that count as current for "no current partnership with…".
CURRENT = [PartnershipStatus.EXPLORING, PartnershipStatus.ACTIVE, PartnershipStatus.RELAUNCHING]


@dataclass
class Eligibility:
    commune: Area
    reasons: list[str] = field(default_factory=list)


def eligible_communes(opportunity: Opportunity, communes=None) -> list[Eligibility]:
    """The communes (all by default, else among ``communes``) that may answer, by name,
    each with the reasons it may."""
    candidates = (communes if communes is not None else Area.objects.communes()).select_related(
        "parent__parent"
    )
    areas = list(opportunity.areas.select_related("level"))
    if areas:
        inside = _inside(areas)
        candidates = candidates.filter(pk__in=list(inside))
    sizes = [size for size in opportunity.size_classes if size in SizeClass.values]
    if sizes:
        candidates = candidates.filter(size_class__in=sizes)
    themes = list(opportunity.themes.all())
    if themes:
        worked_on = _themes_worked_on(themes)
        candidates = candidates.filter(pk__in=list(worked_on))
    condition, country = opportunity.partnership_condition, opportunity.condition_country
    if condition and country:
        with_country = set(
            Partnership.objects.published()
            .with_country(country)
            .filter(
                status__in=[PartnershipStatus.ACTIVE]
                if condition == PartnershipCondition.ACTIVE_WITH
                else CURRENT
            )
            .values_list("local_government", flat=True)
        )
        if condition == PartnershipCondition.ACTIVE_WITH:
            candidates = candidates.filter(pk__in=with_country)
        else:
            candidates = candidates.exclude(pk__in=with_country)

    found = []
    for commune in candidates.order_by("name", "pk"):
        because: list[str] = []
        if areas:
            place = next(area for area in areas if area.pk in inside[commune.pk])
            because.append(_("in %(place)s") % {"place": place.name})
        if sizes:
            because.append(_("size: %(size)s") % {"size": SizeClass(commune.size_class).label})
        if themes:
            names = ", ".join(theme.name for theme in themes if theme.pk in worked_on[commune.pk])
            because.append(_("works on %(themes)s") % {"themes": names})
        if condition == PartnershipCondition.ACTIVE_WITH:
            because.append(
                _("active partnership with a local government of: %(country)s")
                % {"country": country.name}
            )
        elif condition == PartnershipCondition.NONE_WITH:
            because.append(
                _("no current partnership with a local government of: %(country)s")
                % {"country": country.name}
            )
        if not because:
            because.append(_("open to every commune"))
        found.append(Eligibility(commune, because))
    return found


def is_eligible(opportunity: Opportunity, commune: Area) -> Eligibility | None:
    found = eligible_communes(opportunity, Area.objects.filter(pk=commune.pk))
    return found[0] if found else None


def open_opportunities_for(commune: Area, *, at=None) -> list[tuple[Opportunity, Eligibility]]:
    """The open opportunities this commune may answer, soonest deadline first, with why."""
    found = []
    for opportunity in Opportunity.objects.open(at).order_by("closes_at", "pk"):
        eligibility = is_eligible(opportunity, commune)
        if eligibility:
            found.append((opportunity, eligibility))
    return found


def _inside(areas: list[Area]) -> dict[int, set[int]]:
    """Each commune inside one of ``areas`` (a region, a prefecture or a commune itself),
    with the areas it is inside."""
    inside: dict[int, set[int]] = defaultdict(set)
    for area in areas:
        prefectures = Area.objects.filter(parent=area).values("pk")
        communes = Area.objects.communes().filter(
            Q(pk=area.pk) | Q(parent=area) | Q(parent__in=prefectures)
        )
        for commune_id in communes.values_list("pk", flat=True):
            inside[commune_id].add(area.pk)
    return inside


def _themes_worked_on(themes) -> dict[int, set[int]]:
    """Each commune with a published partnership or project on one of ``themes``, and
    which of them."""
    worked_on: dict[int, set[int]] = defaultdict(set)
    by_partnership = Partnership.themes.through.objects.filter(
        theme__in=themes, partnership__in=Partnership.objects.published()
    ).values_list("partnership__local_government", "theme")
    by_project = Project.themes.through.objects.filter(
        theme__in=themes, project__in=Project.objects.published()
    ).values_list("project__partnership__local_government", "theme")
    for commune_id, theme_id in [*by_partnership, *by_project]:
        worked_on[commune_id].add(theme_id)
    return worked_on
