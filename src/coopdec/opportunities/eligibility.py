"""Which communes may answer an opportunity, and why: the one implementation that pages,
notifications, matching and the API use.

Each condition the opportunity sets must hold; every one that holds gives the commune a
reason in words. A commune "works on" a theme when one of its published partnerships or
projects has it.

The work is set-based both ways: the facts about communes (where they are, their size,
themes, partners' countries) are read in a few queries for all the communes asked about,
the conditions of all the opportunities asked about in a few more; ``check`` then decides
in memory. So "every eligible commune of one opportunity" and "every open opportunity of
one commune" cost the same handful of queries whether there are 10 or 5,000 opportunities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coopdec.core.collation import by_name
from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import Project
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import SizeClass
from coopdec.territories.models import Area

from .enums import PartnershipCondition
from .models import Opportunity

# Partnerships that count as current for "no current partnership with…".
CURRENT = frozenset(
    {PartnershipStatus.EXPLORING, PartnershipStatus.ACTIVE, PartnershipStatus.RELAUNCHING}
)


@dataclass
class CommuneFacts:
    """What eligibility and matching need to know about one commune."""

    commune: Area
    inside: frozenset[int]  # the commune, its prefecture and its region
    themes: set[int] = field(default_factory=set)  # themes it works on
    partner_countries: dict[int, set[str]] = field(default_factory=dict)  # country → statuses

    def has_partnership_with(self, country_id: int, statuses) -> bool:
        return bool(self.partner_countries.get(country_id, set()) & set(statuses))


@dataclass
class Eligibility:
    commune: Area
    reasons: list[str] = field(default_factory=list)
    facts: CommuneFacts | None = None


def commune_facts(communes=None) -> list[CommuneFacts]:
    """Facts about the communes (all by default), by name: four queries in all."""
    communes = (communes if communes is not None else Area.objects.communes()).select_related(
        *Area.PLACE
    )
    facts = {
        commune.pk: CommuneFacts(
            commune, frozenset([commune.pk, *(area.pk for area in commune.ancestors())])
        )
        for commune in communes.order_by(by_name("name"), "pk")
    }
    ids = list(facts)
    partnerships = Partnership.objects.published().filter(local_government__in=ids)
    by_partnership = Partnership.themes.through.objects.filter(
        partnership__in=partnerships
    ).values_list("partnership__local_government", "theme")
    by_project = Project.themes.through.objects.filter(
        project__in=Project.objects.published().filter(partnership__local_government__in=ids)
    ).values_list("project__partnership__local_government", "theme")
    for commune_id, theme_id in [*by_partnership, *by_project]:
        facts[commune_id].themes.add(theme_id)
    partners = Partnership.partner_governments.through.objects.filter(
        partnership__in=partnerships
    ).values_list("partnership__local_government", "area__country", "partnership__status")
    for commune_id, country_id, status in partners:
        facts[commune_id].partner_countries.setdefault(country_id, set()).add(status)
    return list(facts.values())


def with_conditions(opportunities) -> list[Opportunity]:
    """The opportunities with everything ``check`` and matching read: four queries,
    whatever their number (their areas and themes are read as rows, not prefetched)."""
    found = list(
        opportunities.select_related(
            "condition_country", "issuer_government__country", "issuer_organisation__country"
        )
    )
    return _attach(found, opportunities.values("pk"))


def attach_conditions(opportunities: list[Opportunity]) -> list[Opportunity]:
    """``with_conditions`` for opportunities already read (a page of the API)."""
    return _attach(opportunities, [opportunity.pk for opportunity in opportunities])


def _attach(found: list[Opportunity], keys) -> list[Opportunity]:
    areas, themes = defaultdict(list), defaultdict(list)
    area_rows = list(
        Opportunity.areas.through.objects.filter(opportunity__in=keys).values_list(
            "opportunity", "area"
        )
    )
    theme_rows = list(
        Opportunity.themes.through.objects.filter(opportunity__in=keys).values_list(
            "opportunity", "theme"
        )
    )
    area_by_id = Area.objects.in_bulk({area for _o, area in area_rows})
    theme_by_id = Theme.objects.in_bulk({theme for _o, theme in theme_rows})
    for opportunity_id, area_id in area_rows:
        areas[opportunity_id].append(area_by_id[area_id])
    for opportunity_id, theme_id in theme_rows:
        themes[opportunity_id].append(theme_by_id[theme_id])
    for opportunity in found:
        opportunity.condition_areas = sorted(areas[opportunity.pk], key=lambda a: a.name)
        opportunity.condition_themes = sorted(themes[opportunity.pk], key=lambda t: t.pk)
    return found


def check(opportunity: Opportunity, facts: CommuneFacts) -> list[str] | None:
    """Why the commune may answer (the reasons, in words), or None if it may not.
    ``opportunity`` must come from ``with_conditions``."""
    because: list[str] = []
    areas = opportunity.condition_areas
    if areas:
        place = next((area for area in areas if area.pk in facts.inside), None)
        if place is None:
            return None
        because.append(_("in %(place)s") % {"place": place.name})
    sizes = [size for size in opportunity.size_classes if size in SizeClass.values]
    if sizes:
        if facts.commune.size_class not in sizes:
            return None
        because.append(_("size: %(size)s") % {"size": SizeClass(facts.commune.size_class).label})
    themes = opportunity.condition_themes
    if themes:
        names = [theme.name for theme in themes if theme.pk in facts.themes]
        if not names:
            return None
        because.append(_("works on %(themes)s") % {"themes": ", ".join(names)})
    condition, country = opportunity.partnership_condition, opportunity.condition_country
    if condition == PartnershipCondition.ACTIVE_WITH and country:
        if not facts.has_partnership_with(country.pk, {PartnershipStatus.ACTIVE}):
            return None
        because.append(
            _("active partnership with a local government of: %(country)s")
            % {"country": country.name}
        )
    elif condition == PartnershipCondition.NONE_WITH and country:
        if facts.has_partnership_with(country.pk, CURRENT):
            return None
        because.append(
            _("no current partnership with a local government of: %(country)s")
            % {"country": country.name}
        )
    return because or [_("open to every commune")]


def conditions(opportunity: Opportunity) -> list[str]:
    """Who may answer, in words, for readers who are not a commune (the public atlas, the
    API). ``opportunity`` must come from ``with_conditions`` or ``attach_conditions``."""
    said = []
    areas = opportunity.condition_areas
    if areas:
        said.append(_("communes in %(places)s") % {"places": ", ".join(a.name for a in areas)})
    sizes = [SizeClass(size).label for size in opportunity.size_classes if size in SizeClass.values]
    if sizes:
        said.append(_("size: %(sizes)s") % {"sizes": ", ".join(str(s) for s in sizes)})
    themes = opportunity.condition_themes
    if themes:
        said.append(
            _("working on one of: %(themes)s") % {"themes": ", ".join(t.name for t in themes)}
        )
    country = opportunity.condition_country
    if opportunity.partnership_condition == PartnershipCondition.ACTIVE_WITH and country:
        said.append(
            _("with an active partnership with a local government of: %(country)s")
            % {"country": country.name}
        )
    elif opportunity.partnership_condition == PartnershipCondition.NONE_WITH and country:
        said.append(
            _("without a current partnership with a local government of: %(country)s")
            % {"country": country.name}
        )
    return said or [_("every commune")]


def eligible_communes(opportunity: Opportunity, communes=None) -> list[Eligibility]:
    """The communes (all by default, else among ``communes``) that may answer, by name,
    each with the reasons it may."""
    (opportunity,) = with_conditions(Opportunity.objects.filter(pk=opportunity.pk))
    return [
        Eligibility(facts.commune, reasons, facts)
        for facts in commune_facts(communes)
        if (reasons := check(opportunity, facts)) is not None
    ]


def is_eligible(opportunity: Opportunity, commune: Area) -> Eligibility | None:
    found = eligible_communes(opportunity, Area.objects.filter(pk=commune.pk))
    return found[0] if found else None


def open_opportunities_for(
    communes: Iterable[Area], *, at=None
) -> dict[int, list[tuple[Opportunity, Eligibility]]]:
    """For each commune (by id), the open opportunities it may answer, soonest deadline
    first, with why."""
    ids = [commune.pk for commune in communes]
    found: dict[int, list[tuple[Opportunity, Eligibility]]] = defaultdict(list)
    if not ids:
        return found
    facts = commune_facts(Area.objects.filter(pk__in=ids))
    for opportunity in with_conditions(Opportunity.objects.open(at).order_by("closes_at", "pk")):
        for fact in facts:
            reasons = check(opportunity, fact)
            if reasons is not None:
                found[fact.commune.pk].append(
                    (opportunity, Eligibility(fact.commune, reasons, fact))
                )
    return found
