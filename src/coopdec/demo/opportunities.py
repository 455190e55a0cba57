"""Demo opportunities: open ones, with deadlines counted from today so the demo never
goes stale, announced to the demo focal points as a publication would."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coopdec.core.reference import LoadReport, upsert
from coopdec.opportunities import announcements
from coopdec.opportunities.models import Opportunity
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Area

# (title, kind, audience, days left, themes, region slugs, issuer (country, level, slug))
OPPORTUNITIES = [
    (
        "Appel à projets « Eau et assainissement dans les Plateaux »",
        "call_for_projects",
        "members",
        40,
        ["water-sanitation"],
        ["plateaux"],
        None,
    ),
    (
        "Une commune des Deux-Sèvres cherche une commune partenaire au Togo",
        "partner_search",
        "public",
        60,
        ["water-sanitation", "youth"],
        [],
        ("FR", "commune", "bressuire"),
    ),
    (
        "Formation des points focaux à la recherche de financements",
        "training",
        "public",
        12,
        [],
        [],
        None,
    ),
]


def load_opportunities(report: LoadReport) -> None:
    now = timezone.now()
    for title, kind, audience, days, themes, regions, issuer in OPPORTUNITIES:
        opportunity = upsert(
            Opportunity,
            report,
            lookup={"title": title},
            values={
                "kind": kind,
                "audience": audience,
                "summary": "Opportunité fictive de démonstration.",
                "closes_at": now.replace(hour=23, minute=59, second=0, microsecond=0)
                + timedelta(days=days),
                "issuer_government": (
                    Area.objects.get(country__code=issuer[0], level__code=issuer[1], slug=issuer[2])
                    if issuer
                    else None
                ),
                "published": True,
                "published_at": now,
            },
        )
        opportunity.themes.set(Theme.objects.filter(code__in=themes))
        opportunity.areas.set(Area.objects.filter(slug__in=regions, level__kind="region"))
        announcements.announce(opportunity, now=now)
