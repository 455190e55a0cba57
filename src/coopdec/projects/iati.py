"""Published projects as IATI 2.03 activities (https://iatistandard.org/en/iati-standard/203/).

Only published data goes out; people never do. Codes used: activity status, activity date
type, organisation role and type, transaction type (2 commitment, 3 disbursement), DAC 5-digit
sectors from the themes, result type 1 (output) with unit measure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lxml import etree

from coopdec.directory.enums import OrganisationKind

from .enums import ProjectStatus
from .models import FundingLine, Indicator, Measurement, Project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    ProjectStatus.PLANNED: "1",
    ProjectStatus.ONGOING: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
    ProjectStatus.SUSPENDED: "6",
}
ORGANISATION_TYPE = {
    OrganisationKind.TWINNING_ASSOCIATION: "22",
    OrganisationKind.NGO: "22",
    OrganisationKind.MINISTRY: "10",
    OrganisationKind.EMBASSY: "10",
    OrganisationKind.NETWORK: "15",
    OrganisationKind.SENDING_ORGANISATION: "21",
    OrganisationKind.FUNDER: "90",
    OrganisationKind.OTHER: "90",
}
LOCAL_GOVERNMENT = "11"
NOTHING_TO_EXPORT = _(
    "There is no published project with a start date yet: IATI needs at least one activity."
)
FUNDING, EXTENDING, IMPLEMENTING = "1", "3", "4"
PARENT, CHILD = "1", "2"  # related-activity types


@dataclass(frozen=True)
class Parent:
    """An activity above projects (a programme): its element, and its child projects."""

    identifier: str
    element: etree._Element
    children: list[int]


# Apps with activities above projects register a function giving them for the projects
# exported (``public``: the open data file's); this module knows none of them.
Parents = Callable[[list[Project], bool], list[Parent]]
_parents: dict[str, Parents] = {}


def register_parents(name: str, parents: Parents) -> None:
    """Idempotent: apps may be made ready more than once in tests."""
    _parents[name] = parents


def identifier(kind: str, pk: int) -> str:
    """An activity's IATI identifier: the federation's organisation reference, then the
    record's ("ORG-12" for project 12, "ORG-programme-3" for a programme)."""
    suffix = str(pk) if kind == "project" else f"{kind}-{pk}"
    return f"{settings.COOPDEC_IATI_ORGANISATION}-{suffix}"


def exportable_projects(*, public: bool = False):
    """Published projects with at least a start date (IATI requires an activity date); with
    ``public``, only what the public atlas shows (the open data file)."""
    shown = "public" if public else "published"
    return (
        getattr(Project.objects, shown)()
        .filter(start_date__isnull=False)
        .select_related("partnership__local_government__country")
        .prefetch_related(
            "partnership__partner_governments__country",
            "partnership__supporting_organisations",
            "themes",
            "areas",
            Prefetch(
                "funding_lines",
                queryset=getattr(FundingLine.objects, shown)().select_related(
                    "currency", "funder_organisation", "funder_government"
                ),
            ),
            Prefetch(
                "indicators",
                queryset=getattr(Indicator.objects, shown)().prefetch_related(
                    Prefetch("measurements", queryset=getattr(Measurement.objects, shown)())
                ),
            ),
        )
        .order_by("pk")
    )


def sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def narrative(parent, tag: str, text: str, **attributes) -> etree._Element:
    element = sub(parent, tag, **attributes)
    sub(element, "narrative", text)
    return element


def decimal(value: Decimal) -> str:
    return f"{value:.2f}"


def participant(parent, role: str, name: str, kind: str, ref: str = "") -> None:
    attributes = {"role": role, "type": kind}
    if ref:
        attributes["ref"] = ref
    narrative(parent, "participating-org", name, **attributes)


def activity(project: Project, parents: tuple[str, ...] = ()) -> etree._Element:
    """A project's activity; a child of ``parents`` (their identifiers) if any."""
    partnership = project.partnership
    home = partnership.local_government
    attributes = {
        "last-updated-datetime": project.updated_at.isoformat(timespec="seconds"),
        XML_LANG: "fr",
        "default-currency": "EUR",
    }
    if parents:
        attributes["hierarchy"] = CHILD
    root = etree.Element("iati-activity", attributes)
    sub(root, "iati-identifier", identifier("project", project.pk))
    narrative(
        root,
        "reporting-org",
        str(settings.COOPDEC_FEDERATION_NAME),
        ref=settings.COOPDEC_IATI_ORGANISATION,
        type=settings.COOPDEC_IATI_ORGANISATION_TYPE,
    )
    narrative(root, "title", project.title)
    narrative(root, "description", project.summary or project.title, type="1")
    if project.objectives:
        narrative(root, "description", project.objectives, type="2")

    participant(root, IMPLEMENTING, home.name, LOCAL_GOVERNMENT)
    for area in partnership.partner_governments.all():
        participant(root, EXTENDING, area.name, LOCAL_GOVERNMENT)
    for organisation in partnership.supporting_organisations.all():
        participant(
            root,
            EXTENDING,
            organisation.name,
            ORGANISATION_TYPE[OrganisationKind(organisation.kind)],
        )
    funders: dict[str, str] = {}
    for line in project.funding_lines.all():
        funder = line.funder
        kind = ORGANISATION_TYPE[funder.kind] if line.funder_organisation else LOCAL_GOVERNMENT
        funders.setdefault(funder.name, kind)
    for name, kind in funders.items():
        participant(root, FUNDING, name, kind)

    sub(root, "activity-status", code=STATUS[ProjectStatus(project.status)])
    started = project.status in (ProjectStatus.ONGOING, ProjectStatus.COMPLETED)
    if project.start_date:  # always, for the projects exported (``exported_projects``)
        start = project.start_date.isoformat()
        sub(root, "activity-date", iso_date=start, type="2" if started else "1")
    if project.end_date:
        ended = project.status == ProjectStatus.COMPLETED
        sub(
            root, "activity-date", iso_date=project.end_date.isoformat(), type="4" if ended else "3"
        )
    sub(root, "recipient-country", code=home.country.code, percentage="100")
    for area in project.areas.all():
        if area.latitude is not None and area.longitude is not None:
            location = sub(root, "location")
            narrative(location, "name", area.name)
            point = sub(location, "point", srsName="http://www.opengis.net/def/crs/EPSG/0/4326")
            sub(point, "pos", f"{area.latitude} {area.longitude}")
    sectors(root, [theme.dac_code for theme in project.themes.all() if theme.dac_code])
    _budget(root, project)
    for line in project.funding_lines.all():
        for amount, code in ((line.committed, "2"), (line.disbursed, "3")):
            if amount:
                _transaction(root, line, amount, code, home.name)
    for parent in parents:
        sub(root, "related-activity", ref=parent, type=PARENT)
    for indicator in project.indicators.all():
        _result(root, indicator)
    return root


UNSPECIFIED_SECTOR = "99810"


def sectors(root, codes: list[str]) -> None:
    """DAC 5-digit sectors; percentages of one vocabulary add up to 100."""
    codes = sorted(set(codes))
    if not codes:  # no theme known: said so (DAC 99810, "sectors not specified")
        codes = [UNSPECIFIED_SECTOR]
    share = Decimal(100) / len(codes)
    shares = [share.quantize(Decimal("0.01")) for _ in codes]
    shares[-1] = Decimal(100) - sum(shares[:-1])
    for code, percentage in zip(codes, shares, strict=True):
        sub(root, "sector", code=code, vocabulary="1", percentage=str(percentage))


def budget_periods(start: date, end: date) -> list[tuple[date, date]]:
    """The project's span cut into periods of at most a year (IATI rule 7.5.3): from its
    start, year after year, the last one ending with the project."""
    periods, begin = [], start
    while begin <= end:
        stop = min(begin + relativedelta(years=1) - timedelta(days=1), end)
        periods.append((begin, stop))
        begin = stop + timedelta(days=1)
    return periods


def _budget(root, project: Project) -> None:
    """One original budget a period of at most a year: the planned amounts of the funding
    lines dated in it (a line dated before the start or after the end counts in the
    first or last period), in euros."""
    if not project.end_date or not project.start_date or project.end_date < project.start_date:
        return
    periods = budget_periods(project.start_date, project.end_date)
    sums = [Decimal(0)] * len(periods)
    for line in project.funding_lines.all():
        index = next(
            (i for i, (_begin, stop) in enumerate(periods) if line.date <= stop), len(periods) - 1
        )
        sums[index] += line.planned_eur or Decimal(0)
    for (begin, stop), total in zip(periods, sums, strict=True):
        if not total:
            continue
        budget = sub(root, "budget", type="1", status="1")
        sub(budget, "period-start", iso_date=begin.isoformat())
        sub(budget, "period-end", iso_date=stop.isoformat())
        sub(budget, "value", decimal(total), currency="EUR", value_date=begin.isoformat())


def _transaction(root, line: FundingLine, amount: Decimal, code: str, receiver: str) -> None:
    transaction = sub(root, "transaction")
    sub(transaction, "transaction-type", code=code)
    sub(transaction, "transaction-date", iso_date=line.date.isoformat())
    sub(
        transaction,
        "value",
        decimal(amount),
        currency=line.currency.code,
        value_date=line.date.isoformat(),
    )
    narrative(transaction, "provider-org", line.funder.name)
    narrative(transaction, "receiver-org", receiver)


def _result(root, indicator: Indicator) -> None:
    result = sub(root, "result", type="1")
    narrative(result, "title", indicator.name)
    element = sub(result, "indicator", measure="1")
    narrative(element, "title", f"{indicator.name} ({indicator.unit})")
    sub(
        element,
        "baseline",
        year=str(indicator.baseline_date.year),
        iso_date=indicator.baseline_date.isoformat(),
        value=decimal(indicator.baseline),
    )
    period = sub(element, "period")
    sub(period, "period-start", iso_date=indicator.baseline_date.isoformat())
    sub(period, "period-end", iso_date=indicator.target_date.isoformat())
    sub(period, "target", value=decimal(indicator.target))
    measurements = list(indicator.measurements.all())
    if measurements:
        sub(period, "actual", value=decimal(measurements[-1].value))


def export(projects=None, *, public: bool = False) -> bytes:
    """The IATI activities file for ``projects`` (all exportable projects by default):
    the activities above them first (hierarchy 1), then the projects, each linked to its
    parents."""
    root = etree.Element(
        "iati-activities",
        {"version": "2.03", "generated-datetime": timezone.now().isoformat(timespec="seconds")},
    )
    projects = list(projects if projects is not None else exportable_projects(public=public))
    parents_of: dict[int, list[str]] = {}
    for parents in _parents.values():
        for parent in parents(projects, public):
            root.append(parent.element)
            for child in parent.children:
                parents_of.setdefault(child, []).append(parent.identifier)
    for project in projects:
        root.append(activity(project, tuple(parents_of.get(project.pk, ()))))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
