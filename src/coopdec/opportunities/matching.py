"""How well a commune fits an opportunity, out of 100, and why in words: the eligible
communes of a partner search ranked for the federation, and a commune's open
opportunities ranked for its focal point. The same scoring both ways.

Points: shared themes 50 (in proportion of the themes sought), no current partnership
with the issuer's country 15, the size sought 10, the region or prefecture sought 10,
a complete profile 15 (in proportion of its six parts). A condition the opportunity does
not set gives no points to anyone, so it changes no ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopdec.accounts.models import focal_points
from coopdec.territories.enums import SizeClass
from coopdec.territories.models import Area

from . import eligibility
from .eligibility import CURRENT
from .models import Opportunity

THEMES, COUNTRY, SIZE, PLACE, PROFILE = 50, 15, 10, 10, 15


@dataclass
class Match:
    commune: Area
    opportunity: Opportunity
    score: int
    reasons: list[str]  # why it fits (or less)
    eligible_because: list[str]


def profile_parts(commune: Area, has_focal_point: bool) -> list[bool]:
    """The six parts of a commune's profile, filled or not."""
    return [
        bool(commune.description.strip()),
        bool(commune.website),
        commune.population is not None,
        bool(commune.size_class),
        bool(commune.seat_town),
        has_focal_point,
    ]


def issuer_country(opportunity: Opportunity):
    """The country of the government or organisation offering it, if known."""
    for issuer in (opportunity.issuer_government, opportunity.issuer_organisation):
        if issuer is not None and issuer.country_id:
            return issuer.country
    return None


def fit(opportunity: Opportunity, found: eligibility.Eligibility, has_focal_point: bool) -> Match:
    facts = found.facts
    if facts is None:
        raise ValueError("fit() takes an eligible commune, with its facts")
    score, reasons = 0.0, []
    sought = opportunity.condition_themes
    if sought:
        shared = [theme.name for theme in sought if theme.pk in facts.themes]
        score += THEMES * len(shared) / len(sought)
        reasons.append(
            ngettext(
                "works on %(shared)d of the %(sought)d theme sought%(names)s",
                "works on %(shared)d of the %(sought)d themes sought%(names)s",
                len(sought),
            )
            % {
                "shared": len(shared),
                "sought": len(sought),
                "names": f" ({', '.join(shared)})" if shared else "",
            }
        )
    country = issuer_country(opportunity)
    if country is not None:
        if facts.has_partnership_with(country.pk, CURRENT):
            reasons.append(_("already has a partner in %(country)s") % {"country": country.name})
        else:
            score += COUNTRY
            reasons.append(_("no current partner in %(country)s") % {"country": country.name})
    sizes = [size for size in opportunity.size_classes if size in SizeClass.values]
    if sizes and facts.commune.size_class in sizes:
        score += SIZE
        reasons.append(
            _("the size sought (%(size)s)") % {"size": facts.commune.get_size_class_display()}
        )
    places = [area for area in opportunity.condition_areas if area.pk in facts.inside]
    if places:
        score += PLACE
        reasons.append(_("in %(place)s") % {"place": places[0].name})
    parts = profile_parts(facts.commune, has_focal_point)
    score += PROFILE * sum(parts) / len(parts)
    reasons.append(
        _("profile %(filled)d/%(total)d complete") % {"filled": sum(parts), "total": len(parts)}
    )
    return Match(facts.commune, opportunity, round(score), reasons, found.reasons)


def _with_focal_point(commune_ids) -> set[int]:
    return {area for areas in focal_points(commune_ids).values() for area in areas}


def _ranked(matches: list[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.commune.name, m.opportunity.pk))


def rank_communes(opportunity: Opportunity) -> list[Match]:
    """The eligible communes, best fit first."""
    (opportunity,) = eligibility.with_conditions(Opportunity.objects.filter(pk=opportunity.pk))
    found = eligibility.eligible_communes(opportunity)
    staffed = _with_focal_point(e.commune.pk for e in found)
    return _ranked([fit(opportunity, e, e.commune.pk in staffed) for e in found])


def suggestions(communes, *, at=None) -> dict[int, list[Match]]:
    """For each commune (by id), the open opportunities it may answer, best fit first."""
    communes = list(communes)
    staffed = _with_focal_point(c.pk for c in communes)
    found = eligibility.open_opportunities_for(communes, at=at)
    return {c.pk: _ranked([fit(o, e, c.pk in staffed) for o, e in found[c.pk]]) for c in communes}
