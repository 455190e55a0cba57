"""The inventory's figures: plain functions over published data, one per table.

Every table is a ``Table`` — a title, columns and rows — so that the page, its chart, and the
CSV and XLSX downloads all show the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import by_name, sort_key
from coopdec.core.dates import for_export
from coopdec.core.models import FederationSettings
from coopdec.core.tables import Table
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership, PartnershipQuerySet
from coopdec.programmes import services as programmes
from coopdec.programmes.models import Programme
from coopdec.projects.enums import Instrument
from coopdec.projects.models import FundingLine
from coopdec.territories.models import Area

AMOUNTS = ["planned_xof", "disbursed_xof", "planned_eur", "disbursed_eur"]
AMOUNT_LABELS = [
    _("Planned (XOF)"),
    _("Disbursed (XOF)"),
    _("Planned (EUR)"),
    _("Disbursed (EUR)"),
]
# The currency of each of those columns, by index in a table whose first column labels rows.
AMOUNT_CURRENCIES = {1: "XOF", 2: "XOF", 3: "EUR", 4: "EUR"}


@dataclass
class Filters:
    region: Area | None = None
    prefecture: Area | None = None
    theme: Any = None
    country: Any = None
    year_from: int | None = None
    year_to: int | None = None
    status: str | None = None
    # Partnerships signed in these years (those whose signature is unknown are left out
    # once a period is chosen).
    signed_from: int | None = None
    signed_to: int | None = None


def partnerships(filters: Filters) -> PartnershipQuerySet:
    queryset = Partnership.objects.published()
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.signed_from:
        queryset = queryset.filter(signature_date__year__gte=filters.signed_from)
    if filters.signed_to:
        queryset = queryset.filter(signature_date__year__lte=filters.signed_to)
    if filters.prefecture or filters.region:
        queryset = queryset.within(filters.prefecture or filters.region)
    if filters.theme:
        queryset = queryset.filter(themes=filters.theme)
    if filters.country:
        queryset = queryset.with_country(filters.country)
    return queryset


def funding_lines(filters: Filters) -> QuerySet[FundingLine]:
    queryset = FundingLine.objects.published()
    if filters.region or filters.prefecture or filters.country:
        scoped = partnerships(Filters(filters.region, filters.prefecture, None, filters.country))
        queryset = queryset.filter(project__partnership__in=scoped.values("pk"))
    if filters.theme:
        queryset = queryset.filter(project__themes=filters.theme)
    if filters.year_from:
        queryset = queryset.filter(date__year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(date__year__lte=filters.year_to)
    return queryset


def communes_with_active(filters: Filters, communes) -> Iterator[tuple[Area, bool]]:
    """Each commune of ``communes`` (its region read with it) and whether it has an active
    partnership under ``filters``: what the table of regions and the map both count."""
    active = set(
        partnerships(filters)
        .filter(status=PartnershipStatus.ACTIVE)
        .values_list("local_government_id", flat=True)
    )
    for commune in communes.select_related(*Area.PLACE):
        yield commune, commune.pk in active


def communes_by_region(filters: Filters, limit: int | None = None) -> Table:
    """Never cut: one row a region, and the total."""
    communes = Area.objects.communes()
    if filters.prefecture or filters.region:
        communes = communes.inside(filters.prefecture or filters.region)
    totals, with_active = Counter[str](), Counter[str]()
    for commune, active in communes_with_active(filters, communes):
        region = commune.region.name if commune.region else ""
        totals[region] += 1
        with_active[region] += active
    rows: list[list] = [
        [region, totals[region], with_active[region], totals[region] - with_active[region]]
        for region in sorted(totals, key=sort_key)
    ]
    return Table(
        "communes",
        _("Communes with and without an active partnership"),
        [_("Region"), _("Communes"), _("With an active partnership"), _("Without")],
        rows,
        chart_value=2,
    ).totalled()


def _localized(name_fr: str | None, name_en: str | None) -> str | None:
    """The name in the active language, for values read straight from the database."""
    return (name_en or name_fr) if (get_language() or "fr").startswith("en") else name_fr


def _count_by(queryset, column: str, labels: dict) -> list[list]:
    counts = dict(queryset.order_by().values_list(column).annotate(n=Count("pk", distinct=True)))
    return [[label, counts.get(value, 0)] for value, label in labels.items()]


def by_status(filters: Filters, limit: int | None = None) -> Table:
    return (
        Table(
            "status",
            _("Partnerships by status"),
            [_("Status"), _("Partnerships")],
            _count_by(partnerships(filters), "status", dict(PartnershipStatus.choices)),
        )
        .totalled()
        .limited(limit)
    )


def by_kind(filters: Filters, limit: int | None = None) -> Table:
    return (
        Table(
            "kind",
            _("Partnerships by kind"),
            [_("Kind"), _("Partnerships")],
            _count_by(partnerships(filters), "kind", dict(PartnershipKind.choices)),
        )
        .totalled()
        .limited(limit)
    )


def by_country(filters: Filters, limit: int | None = None) -> Table:
    through = Partnership.partner_governments.through.objects.filter(
        partnership__in=partnerships(filters).values("pk")
    )
    rows = (
        through.order_by()
        .values_list("area__country__name_fr", "area__country__name_en")
        .annotate(n=Count("partnership_id", distinct=True))
    )
    table = sorted(
        ([_localized(fr, en), n] for fr, en, n in rows), key=lambda r: (-r[1], sort_key(r[0]))
    )
    return (
        Table(
            "countries",
            _("Partnerships by partner country"),
            [_("Partner country"), _("Partnerships")],
            table,
            note=_(
                "A partnership with local governments of two countries counts in both; the "
                "total counts it once."
            ),
        )
        .totalled(c1=partnerships(filters).count())
        .limited(limit)
    )


def by_axis(filters: Filters, limit: int | None = None) -> Table:
    scoped = partnerships(filters)
    total = scoped.count()
    north = scoped.north_south().count()
    return (
        Table(
            "axis",
            _("North-South and South-South"),
            [_("Axis"), _("Partnerships")],
            [[_("North-South"), north], [_("South-South"), total - north]],
            note=_(
                "North-South: at least one partner local government in a country of the OECD "
                "Development Assistance Committee."
            ),
        )
        .totalled()
        .limited(limit)
    )


def _sums(queryset, *group) -> list[list]:
    rows = queryset.order_by().values_list(*group).annotate(*[Sum(a) for a in AMOUNTS])
    return [list(row) for row in rows]


def _funding_total(filters: Filters) -> dict:
    """Each amount summed over the lines once (a line under two themes counts once)."""
    sums = funding_lines(filters).aggregate(*[Sum(a) for a in AMOUNTS])
    return {f"c{index}": sums[f"{a}__sum"] or 0 for index, a in enumerate(AMOUNTS, 1)}


def funding_by_theme(filters: Filters, limit: int | None = None) -> Table:
    lines = funding_lines(filters)
    rows = [
        [_localized(fr, en) or str(_("No theme")), *amounts]
        for fr, en, *amounts in _sums(lines, "project__themes__name_fr", "project__themes__name_en")
    ]
    return (
        Table(
            "funding-themes",
            _("Funding by theme"),
            [_("Theme"), *AMOUNT_LABELS],
            sorted(rows, key=lambda r: -(r[1] or 0)),
            currencies=AMOUNT_CURRENCIES,
            note=_(
                "A project with several themes counts in each of them; the total counts it once."
            ),
        )
        .totalled(**_funding_total(filters))
        .limited(limit)
    )


def funding_by_funder(filters: Filters, limit: int | None = None) -> Table:
    rows = [
        [organisation or government, *amounts]
        for organisation, government, *amounts in _sums(
            funding_lines(filters), "funder_organisation__name", "funder_government__name"
        )
    ]
    return (
        Table(
            "funding-funders",
            _("Funding by funder"),
            [_("Funder"), *AMOUNT_LABELS],
            sorted(rows, key=lambda r: -(r[1] or 0)),
            currencies=AMOUNT_CURRENCIES,
        )
        .totalled(**_funding_total(filters))
        .limited(limit)
    )


def funding_by_instrument(filters: Filters, limit: int | None = None) -> Table:
    sums = {row[0]: row[1:] for row in _sums(funding_lines(filters), "instrument")}
    rows = [[label, *sums[value]] for value, label in Instrument.choices if value in sums]
    return (
        Table(
            "funding-instruments",
            _("Funding by instrument"),
            [_("Instrument"), *AMOUNT_LABELS],
            rows,
            currencies=AMOUNT_CURRENCIES,
        )
        .totalled(**_funding_total(filters))
        .limited(limit)
    )


def funding_by_year(filters: Filters, limit: int | None = None) -> Table:
    rows = _sums(funding_lines(filters).annotate(year=ExtractYear("date")), "year")
    return (
        Table(
            "funding-years",
            _("Funding by year"),
            [_("Year"), *AMOUNT_LABELS],
            sorted(rows, key=lambda r: r[0]),
            currencies=AMOUNT_CURRENCIES,
            chart_kind="columns",
        )
        .totalled(**_funding_total(filters))
        .limited(limit)
    )


def partnerships_by_year(filters: Filters, limit: int | None = None) -> Table:
    """Partnerships by the year they were signed, every year from the first to the last
    (a year with none shows 0); those whose signature date is unknown are said apart."""
    scoped = partnerships(filters)
    counted = dict(
        scoped.filter(signature_date__isnull=False)
        .annotate(year=ExtractYear("signature_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    unknown = scoped.filter(signature_date__isnull=True).count()
    years = range(min(counted), max(counted) + 1) if counted else range(0)
    return Table(
        "partnership-years",
        _("Partnerships by year of signature"),
        [_("Year"), _("Partnerships signed")],
        [[year, counted.get(year, 0)] for year in years],
        note=ngettext(
            "%(count)d partnership has no known signature date and is not counted here.",
            "%(count)d partnerships have no known signature date and are not counted here.",
            unknown,
        )
        % {"count": unknown}
        if unknown
        else "",
        chart_kind="columns",
    ).totalled()


def by_programme(filters: Filters, limit: int | None = None) -> Table:
    """Each validated programme pooling some of the filtered partnerships: its budget, the
    members' contributions due and paid, its activities and their participants."""
    found = (
        Programme.objects.published()
        .filter(partnerships__in=partnerships(filters))
        .distinct()
        .select_related("currency")
        .order_by(by_name("name"))
    )
    rows = []
    for programme in found:
        grid = programmes.contribution_grid(programme)
        activities = programmes.activity_totals(programme)
        rate = programme.currency.units_per_euro or 1
        rows.append(
            [
                programme,
                programme.partnerships.count(),
                None if programme.budget is None else programme.budget / rate,
                sum(grid.due_by_year) / rate,
                sum(grid.paid_by_year) / rate,
                activities["count"],
                activities["people"],
            ]
        )
    return (
        Table(
            "programmes",
            _("Programmes"),
            [
                _("Programme"),
                _("Partnerships"),
                _("Budget (EUR)"),
                _("Contributions due (EUR)"),
                _("Contributions paid (EUR)"),
                _("Activities"),
                _("Participants"),
            ],
            rows,
            currencies={2: "EUR", 3: "EUR", 4: "EUR"},
            chart_value=2,
        )
        .totalled()
        .limited(limit)
    )


def dormant(filters: Filters, limit: int | None = None) -> Table:
    cutoff = FederationSettings.current().dormancy_cutoff()
    asleep = partnerships(filters).to_relaunch().order_by("last_activity_on", "pk")
    shown = asleep.select_related("local_government")
    rows = [
        [
            p,
            p.local_government.name,
            p.get_status_display(),
            for_export(p.last_activity_on, p.last_activity_precision),
        ]
        for p in (shown[:limit] if limit else shown)
    ]
    return Table(
        "dormant",
        _("Dormant partnerships to relaunch"),
        [_("Partnership"), _("Commune or region"), _("Status"), _("Last activity")],
        rows,
        note=_("No event, project change or update since %(date)s, or marked dormant.")
        % {"date": cutoff.isoformat()},
        chart_value=None,
        more=asleep.count() - len(rows) if limit and len(rows) == limit else 0,
        more_url=_relaunch_list_url(filters),
    ).totalled(
        ngettext("Total: %(count)d partnership", "Total: %(count)d partnerships", asleep.count())
        % {"count": asleep.count()}
    )


def _relaunch_list_url(filters: Filters) -> str:
    """The partnership list showing the same partnerships to relaunch."""
    query = {"to_relaunch": "on"}
    if filters.region:
        query["region"] = filters.region.slug
    if filters.prefecture:
        query["prefecture"] = filters.prefecture.slug
    if filters.theme:
        query["theme"] = filters.theme.code
    if filters.country:
        query["country"] = filters.country.code
    return f"{reverse('partnerships:partnership_list')}?{urlencode(query)}"


TABLES = {
    "communes": communes_by_region,
    "partnership-years": partnerships_by_year,
    "funding-years": funding_by_year,
    "status": by_status,
    "kind": by_kind,
    "countries": by_country,
    "axis": by_axis,
    "funding-themes": funding_by_theme,
    "funding-funders": funding_by_funder,
    "funding-instruments": funding_by_instrument,
    "programmes": by_programme,
    "dormant": dormant,
}

# Rows of each table on the dashboard page; the downloads have them all.
ROWS_ON_PAGE = 25


def dashboard(filters: Filters) -> list[Table]:
    """Every table for the dashboard page, each cut to its first rows."""
    return [build(filters, limit=ROWS_ON_PAGE) for build in TABLES.values()]
