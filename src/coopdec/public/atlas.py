"""What the public atlas shows, computed from the other apps' public records.

Everything here reads through ``public()`` querysets (published, marked public by the
federation, inside public parents) and returns no personal data: the atlas, the open data
and the API all call these functions, never the models' other managers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from coopdec.core.collation import by_name, sort_key
from coopdec.core.text import normalize_name
from coopdec.library.models import Publication
from coopdec.news.models import Post
from coopdec.opportunities.enums import Audience
from coopdec.opportunities.models import Opportunity
from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Event, Partnership
from coopdec.partnerships.rules import VIEW_PARTNERSHIP
from coopdec.practices import services as practice_services
from coopdec.practices.models import GoodPractice
from coopdec.programmes import services as programme_services
from coopdec.programmes.models import Programme
from coopdec.projects.models import FundingLine, Indicator, Measurement, Project
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


def opportunities_listed():
    """Open opportunities the federation published for everyone, soonest deadline first
    (``eligibility.attach_conditions`` adds who may answer)."""
    return (
        Opportunity.objects.open()
        .filter(audience=Audience.PUBLIC)
        .select_related(
            "condition_country", "issuer_government__country", "issuer_organisation", "currency"
        )
        .order_by("closes_at", "pk")
    )


def communes_listed():
    # Country and level say that an area is a commune, which its address depends on.
    return (
        Area.objects.communes()
        .select_related("country", *Area.PLACE)
        .order_by(by_name("name"), "pk")
    )


def local_governments_listed():
    return (
        Area.objects.foreign_local_governments()
        .select_related("country", "level")
        .order_by("country__code", by_name("name"), "pk")
    )


def partnerships_listed():
    return (
        partnerships()
        .select_related("local_government")
        .prefetch_related("partner_governments__country", "supporting_organisations", "themes")
        .order_by(by_name("name"), "pk")
    )


def programmes_listed():
    return (
        Programme.objects.public()
        .select_related("lead_government__country", "lead_organisation__country", "currency")
        .order_by(by_name("name"), "pk")
    )


def programme_partnerships(programme: Programme):
    return partnerships().filter(programmes=programme)


def programme_projects(programme: Programme):
    """Its public projects: those of its partnerships and those it runs itself."""
    return projects().filter(pk__in=programme_services.projects(programme).values("pk"))


def programme_results(programme: Programme):
    """Its public projects' public indicators, added up where units agree."""
    return programme_services.results(
        Indicator.objects.public().filter(project__in=programme_projects(programme)),
        Measurement.objects.public(),
    )


def news_listed():
    """Public news, newest first."""
    return Post.objects.public().order_by("-created_at", "-pk")


def publications_listed():
    """The library's publications for everyone."""
    return Publication.objects.public().order_by("pk")


def practices_listed():
    """Validated good practices, newest first, with what lists show beside them."""
    return (
        GoodPractice.objects.public()
        .select_related("currency")
        .prefetch_related("themes", "countries")
        .order_by("-created_at", "-pk")
    )


def practice_sources(practice: GoodPractice) -> tuple[list[int], list[int]]:
    """The public projects and partnerships a practice comes from (their keys)."""
    return (
        list(
            projects()
            .filter(pk__in=practice.projects.values("pk"))
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        list(
            partnerships()
            .filter(pk__in=practice.partnerships.values("pk"))
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    )


def practice_places(practice: GoodPractice):
    """The local governments of the public partnerships behind a practice."""
    return (
        practice_services.shown_places(practice, partnerships())
        .select_related("country")
        .order_by("pk")
    )


def practice_translation(practice: GoodPractice) -> int | None:
    """The key of the same practice in the other language, if it is validated."""
    other = GoodPractice.objects.public().filter(
        Q(pk=practice.translation_of_id) | Q(translation_of=practice)
    )
    return other.values_list("pk", flat=True).first()


def projects_listed():
    return (
        projects().select_related("partnership").prefetch_related("themes").order_by("title", "pk")
    )


# What a list shows beside each record, read for the listed records only (``keys``; all of
# them when None) in one grouped statement, rather than annotated on the whole list.


def _grouped(queryset, field: str, keys, **aggregates) -> dict:
    if keys is not None:
        queryset = queryset.filter(**{f"{field}__in": list(keys)})
    return {row.pop(field): row for row in queryset.order_by().values(field).annotate(**aggregates)}


def public_partnership_counts(commune_keys=None) -> dict[int, int]:
    rows = _grouped(partnerships(), "local_government", commune_keys, n=Count("pk"))
    return {key: row["n"] for key, row in rows.items()}


def public_project_counts(partnership_keys=None) -> dict[int, int]:
    rows = _grouped(projects(), "partnership", partnership_keys, n=Count("pk"))
    return {key: row["n"] for key, row in rows.items()}


def public_funding(project_keys=None) -> dict[int, dict[str, object]]:
    """Each project's public funding in euros: planned_eur, committed_eur, disbursed_eur."""
    sums = {f"{amount}_eur": Sum(f"{amount}_eur") for amount in FundingLine.AMOUNTS}
    return _grouped(FundingLine.objects.public(), "project", project_keys, **sums)


NO_FUNDING = {f"{amount}_eur": 0 for amount in FundingLine.AMOUNTS}


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
    return sorted(found, key=lambda row: -Decimal(row["planned_eur"]))


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
        through.values_list("area__country").annotate(Count("partnership", distinct=True))
    )
    found = Country.objects.filter(pk__in=counts)
    return sorted(
        ((c, counts[c.pk]) for c in found), key=lambda pair: (-pair[1], sort_key(pair[0].name))
    )


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
        "funding_eur": round(lines.aggregate(total=Sum("planned_eur"))["total"] or 0),
    }


def search(query: str) -> dict[str, object]:
    """Matches of ``query`` among communes, partner local governments, public partnerships
    and public projects (accents and case ignored, word beginnings): the first
    ``SEARCH_LIMIT`` found of each, by name, and whether there are more.

    Each kind is read in key order and cut after the limit, so that a common word stops
    the scan early instead of sorting every match; the list pages have them all."""
    found = {
        "communes": Area.objects.communes().search(query).select_related(*Area.PLACE),
        "local_governments": Area.objects.foreign_local_governments()
        .search(query)
        .select_related("country", "level"),
        "partnerships": partnerships().search(query).select_related("local_government"),
        "projects": projects().search(query).select_related("partnership"),
    }
    results: dict[str, object] = {}
    for key, queryset in found.items():
        items = list(queryset.order_by("pk")[: SEARCH_LIMIT + 1])
        items.sort(key=lambda record: normalize_name(str(record)))
        results[key] = {"items": items[:SEARCH_LIMIT], "more": len(items) > SEARCH_LIMIT}
    return results


# A commune's page lists this many partnerships and projects; the lists have them all.
SHOWN_ON_PAGE = 20


def cooperation(area: Area) -> dict[str, object]:
    """A commune's or partner local government's public cooperation: its first
    partnerships and projects (and how many there are), funding totals and timeline."""
    public = partnerships().filter(Partnership.involving_q([area.pk]))
    ids = list(public.values_list("pk", flat=True))
    listed_projects = projects().filter(partnership_id__in=ids)
    return {
        "partnerships": public.select_related("local_government")
        .prefetch_related("partner_governments__country", "partner_governments__level")
        .order_by(by_name("name"), "pk")[:SHOWN_ON_PAGE],
        "partnership_count": len(ids),
        "projects": listed_projects.select_related("partnership").order_by("title", "pk")[
            :SHOWN_ON_PAGE
        ],
        "project_count": listed_projects.count(),
        "funding": funding_totals(
            FundingLine.objects.public().filter(project__partnership_id__in=ids)
        ),
        "events": public_events().filter(partnership_id__in=ids)[:20],
        "is_commune": area.is_commune,
        "slug": area.slug,
    }


def country_cooperation(country: Country) -> dict[str, object]:
    public = (
        partnerships()
        .with_country(country)
        .select_related("local_government")
        .prefetch_related("partner_governments__country", "partner_governments__level")
        .order_by(by_name("local_government__name"), by_name("name"))
    )
    ids = [partnership.pk for partnership in public]
    governments = (
        Area.objects.filter(country=country, partnerships_abroad__in=ids)
        .select_related("level")
        .distinct()
        .order_by(by_name("name"))
    )
    return {
        "partnerships": public,
        "local_governments": governments,
        "projects": projects().filter(partnership_id__in=ids).count(),
        "funding": funding_totals(
            FundingLine.objects.public().filter(project__partnership_id__in=ids)
        ),
    }


def commune_markers() -> list[dict[str, Any]]:
    """Every commune with its coordinates, its number of public partnerships and the
    liveliest of their statuses, grouped by region in the order of the reference data."""
    statuses: dict[int, Counter] = defaultdict(Counter)
    for commune_id, status in partnerships().values_list("local_government", "status"):
        statuses[commune_id][status] += 1
    markers = []
    communes = Area.objects.communes().select_related(*Area.PLACE)
    for commune in sorted(communes, key=lambda c: (c.region.name if c.region else "", c.name)):
        counted = statuses.get(commune.pk, Counter())
        status = next((s for s in STATUS_ORDER if counted[s]), "")
        markers.append(
            {
                "commune": commune,
                "name": commune.name,
                "url": reverse("territories:commune_detail", args=[commune.slug]),
                "latitude": commune.latitude,
                "longitude": commune.longitude,
                "communes": None,  # one commune
                "region": commune.region,
                "partnerships": sum(counted.values()),
                "status": status,
                "status_label": PartnershipStatus(status).label if status else "",
            }
        )
    return markers


def map_markers() -> tuple[str, list[dict[str, Any]]]:
    """What the maps draw: ("commune", one marker per commune) up to
    ``COOPDEC_MAP_MAX_MARKERS``;
    above, ("prefecture" or "region", one marker per area) with its communes' count, their
    partnerships, the liveliest status among them and the mean of their coordinates."""
    markers = commune_markers()
    most = settings.COOPDEC_MAP_MAX_MARKERS
    if len(markers) <= most:
        return "commune", markers
    for level in ("prefecture", "region"):
        groups: dict[Area | None, list[dict[str, Any]]] = defaultdict(list)
        for marker in markers:
            groups[getattr(marker["commune"], level)].append(marker)
        if len(groups) <= most or level == "region":
            break
    return level, [_group(area, members, level) for area, members in groups.items()]


def _group(area: Area | None, members: list[dict[str, Any]], level: str) -> dict[str, Any]:
    placed = [m for m in members if m["latitude"] is not None and m["longitude"] is not None]
    statuses = {m["status"] for m in members}
    status = next((s for s in STATUS_ORDER if s in statuses), "")
    return {
        "name": area.name if area else _("Other"),
        "url": reverse("territories:commune_list") + "?" + urlencode({level: area.slug})
        if area
        else "",
        "latitude": sum(m["latitude"] for m in placed) / len(placed) if placed else None,
        "longitude": sum(m["longitude"] for m in placed) / len(placed) if placed else None,
        "communes": len(members),
        "region": (area.region if level == "prefecture" else area) if area else None,
        "partnerships": sum(m["partnerships"] for m in members),
        "status": status,
        "status_label": PartnershipStatus(status).label if status else "",
    }


def home_country() -> Country:
    return Country.objects.get(code=settings.COOPDEC_HOME_COUNTRY)


def area_section(area, user) -> dict:
    """On an area's page, for everyone else: what the federation made public, as on the
    rest of the atlas."""
    if user.has_perm(VIEW_PARTNERSHIP):
        return {}
    return {"public_cooperation": cooperation(area)}
