"""What the public atlas shows, computed from the other apps' public records.

Everything here reads through ``public()`` querysets (published, marked public by the
federation, inside public parents) and returns no personal data: the atlas, the open data
and the API all call these functions, never the models' other managers.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Sum

from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Event, Partnership
from coopdec.projects.models import FundingLine, Project
from coopdec.projects.views import funding_totals
from coopdec.territories.models import Area, Country

# A commune's marker takes the liveliest status among its public partnerships.
STATUS_ORDER = [
    PartnershipStatus.ACTIVE,
    PartnershipStatus.RELAUNCHING,
    PartnershipStatus.EXPLORING,
    PartnershipStatus.DORMANT,
    PartnershipStatus.ENDED,
]
SEARCH_LIMIT = 10


def partnerships():
    return Partnership.objects.public()


def projects():
    return Project.objects.public()


def public_events():
    """A public partnership's timeline: kinds, titles, dates and places only (participants
    and notes name people)."""
    return (
        Event.objects.public()
        .select_related("partnership")
        .only("kind", "title", "date", "place", "partnership__name")
    )


def funders(lines) -> list[dict[str, object]]:
    """Each funder of these funding lines (an organisation or a local government) and what
    it plans to give, in euros, most first."""
    rows = lines.values("funder_organisation__name", "funder_government__name").annotate(
        planned_eur=Sum("planned_eur"), planned_xof=Sum("planned_xof")
    )
    found = [
        {
            "name": row["funder_organisation__name"] or row["funder_government__name"] or "",
            "planned_eur": row["planned_eur"] or 0,
            "planned_xof": row["planned_xof"] or 0,
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: -row["planned_eur"])


def country_by_slug(slug: str) -> Country | None:
    for country in Country.objects.only("code", "name_fr", "name_en"):
        if country.slug == slug:
            return country
    return None


def partner_countries() -> list[tuple[Country, int]]:
    """Countries with a local government in a public partnership, and how many public
    partnerships each takes part in, most first."""
    through = Partnership.partner_governments.through.objects.filter(
        partnership__in=partnerships().values("pk")
    )
    counts = dict(
        through.values("area__country")
        .annotate(n=Count("partnership", distinct=True))
        .values_list("area__country", "n")
    )
    found = Country.objects.filter(pk__in=counts)
    return sorted(((c, counts[c.pk]) for c in found), key=lambda pair: (-pair[1], pair[0].name))


def figures() -> dict[str, object]:
    public = partnerships()
    lines = FundingLine.objects.public()
    return {
        "communes": Area.objects.communes().count(),
        "communes_in_partnership": public.values("local_government").distinct().count(),
        "active_partnerships": public.filter(status=PartnershipStatus.ACTIVE).count(),
        "partnerships": public.count(),
        "partner_countries": len(partner_countries()),
        "projects": projects().count(),
        "funding_eur": lines.aggregate(total=Sum("planned_eur"))["total"] or 0,
    }


def search(query: str) -> dict[str, object]:
    """The first matches of ``query`` among communes, partner local governments, public
    partnerships and public projects (accents and case ignored, word beginnings)."""
    found = {
        "communes": Area.objects.communes().search(query).select_related("parent__parent"),
        "local_governments": Area.objects.foreign_local_governments()
        .search(query)
        .select_related("country", "level"),
        "partnerships": partnerships().search(query).select_related("local_government"),
        "projects": projects().search(query).select_related("partnership"),
    }
    return {
        key: {
            "items": list(
                queryset.order_by("name" if key != "projects" else "title")[:SEARCH_LIMIT]
            ),
            "more": queryset.count() > SEARCH_LIMIT,
        }
        for key, queryset in found.items()
    }


def cooperation(area: Area) -> dict[str, object]:
    """A commune's or partner local government's public cooperation: partnerships, projects,
    funding totals and timeline."""
    public = (
        partnerships()
        .filter(Partnership.involving_q([area.pk]))
        .select_related("local_government")
        .prefetch_related("partner_governments__country", "partner_governments__level")
    )
    ids = [partnership.pk for partnership in public]
    return {
        "partnerships": public,
        "projects": projects().filter(partnership_id__in=ids).select_related("partnership"),
        "funding": funding_totals(
            FundingLine.objects.public().filter(project__partnership_id__in=ids)
        ),
        "events": public_events().filter(partnership_id__in=ids)[:20],
    }


def country_cooperation(country: Country) -> dict[str, object]:
    public = (
        partnerships()
        .with_country(country)
        .select_related("local_government")
        .prefetch_related("partner_governments__country", "partner_governments__level")
        .order_by("local_government__name", "name")
    )
    ids = [partnership.pk for partnership in public]
    governments = (
        Area.objects.filter(country=country, partnerships_abroad__in=ids)
        .select_related("level")
        .distinct()
        .order_by("name")
    )
    return {
        "partnerships": public,
        "local_governments": governments,
        "projects": projects().filter(partnership_id__in=ids).count(),
        "funding": funding_totals(
            FundingLine.objects.public().filter(project__partnership_id__in=ids)
        ),
    }


def commune_markers() -> list[dict[str, object]]:
    """Every commune with its coordinates, its number of public partnerships and the
    liveliest of their statuses, grouped by region in the order of the reference data."""
    statuses: dict[int, Counter] = defaultdict(Counter)
    for commune_id, status in partnerships().values_list("local_government", "status"):
        statuses[commune_id][status] += 1
    markers = []
    for commune in (
        Area.objects.communes()
        .select_related("parent__parent")
        .order_by("parent__parent__name", "name")
    ):
        counted = statuses.get(commune.pk, Counter())
        status = next((s for s in STATUS_ORDER if counted[s]), "")
        markers.append(
            {
                "commune": commune,
                "region": commune.parent.parent if commune.parent else None,
                "partnerships": sum(counted.values()),
                "status": status,
                "status_label": PartnershipStatus(status).label if status else "",
            }
        )
    return markers


def home_country() -> Country:
    return Country.objects.get(code=settings.COOPDEC_HOME_COUNTRY)
