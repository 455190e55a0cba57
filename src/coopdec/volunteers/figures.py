"""The volunteering figures: the programme's (missions by scheme, women, reciprocity,
first-time hosts, by partnership, country and theme) and the cohort's (response rate and
impact indicators, wave by wave). Aggregates only: a cell counting fewer than ``FEWEST``
people reads "< 5", and a share or mean taken over fewer than that is not shown.

Reciprocity and first-time hosts are computed, never typed: a mission is *in reciprocity*
when a volunteer of the federation's own country is hosted abroad (the partner hosting in
its turn); a host is *first-time* when its first mission ever is one of those counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.conf import settings
from django.db.models import Avg, Count, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.core.templatetags.cells import PERCENT, written
from coopdec.programmes.models import Programme

from .enums import Gender, Scheme
from .models import Answer, Invitation, Mission, Wave

FEWEST = 5


class Few:
    """A count of 1 to 4 people, shown as "< 5" (never its value)."""

    def __str__(self) -> str:
        return f"< {FEWEST}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Few)

    def __hash__(self) -> int:
        return FEWEST


FEW = Few()


def people(count: int) -> int | Few:
    return FEW if 0 < count < FEWEST else count


def share(part: int, whole: int) -> Decimal | Few | None:
    """A percentage to one decimal; "< 5" when it would tell about fewer than 5 people
    (the part, or the rest, or the whole); None when there is nothing to take it of."""
    if not whole:
        return None
    if any(0 < count < FEWEST for count in (part, whole - part, whole)):
        return FEW
    return percentage(part, whole)


def percentage(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Filters:
    programme: Programme | None = None
    scheme: str = ""
    year_from: int | None = None
    year_to: int | None = None


def missions(filters: Filters, among: QuerySet[Mission] | None = None) -> QuerySet[Mission]:
    """The missions counted (``among`` those given, all by default): of a programme, a
    scheme, starting in the years chosen (the actual start, or the planned one while not
    known)."""
    # An erased volunteer's missions still count: they hold nothing personal.
    found = Mission.objects.all() if among is None else among
    if filters.programme is not None:
        found = found.filter(programme=filters.programme)
    if filters.scheme:
        found = found.filter(scheme=filters.scheme)
    start_year = Q()
    if filters.year_from:
        start_year &= Q(actual_start__year__gte=filters.year_from) | Q(
            actual_start__isnull=True, planned_start__year__gte=filters.year_from
        )
    if filters.year_to:
        start_year &= Q(actual_start__year__lte=filters.year_to) | Q(
            actual_start__isnull=True, planned_start__year__lte=filters.year_to
        )
    return found.filter(start_year)


HOME = Q(volunteer__nationality__code=settings.COOPDEC_HOME_COUNTRY)
HOSTED_ABROAD = (
    Q(host_government__isnull=False)
    & ~Q(host_government__country__code=settings.COOPDEC_HOME_COUNTRY)
) | (
    Q(host_government__isnull=True, host_organisation__country__isnull=False)
    & ~Q(host_organisation__country__code=settings.COOPDEC_HOME_COUNTRY)
)
DIRECTION_KNOWN = Q(volunteer__nationality__isnull=False) & (
    Q(host_government__isnull=False) | Q(host_organisation__country__isnull=False)
)


@dataclass(frozen=True)
class Figure:
    key: str
    label: StrOrPromise
    value: object  # a count, a share (percent), FEW or None (not known)
    of: int | None
    definition: StrOrPromise
    is_share: bool = False

    @property
    def written(self) -> str:
        """As the page shows it: "—" when not known, "< 5", "61,2 %", "1 234"."""
        if self.value is None:
            return "—"
        if isinstance(self.value, Few):
            return str(self.value)
        return written(self.value, PERCENT if self.is_share else "")


def programme_figures(filters: Filters) -> list[Figure]:
    """The headline figures of the missions counted, as the programme reports them."""
    counted = missions(filters)
    totals = counted.aggregate(
        total=Count("pk"),
        women=Count("pk", filter=Q(volunteer__gender=Gender.WOMAN)),
        gender_known=Count("pk", filter=~Q(volunteer__gender="")),
        reciprocity=Count("pk", filter=HOME & HOSTED_ABROAD & DIRECTION_KNOWN),
        direction_known=Count("pk", filter=DIRECTION_KNOWN),
    )
    hosts, first_time = first_time_hosts(counted)
    by_scheme = dict(counted.values_list("scheme").annotate(n=Count("pk")).order_by())
    figures = [
        Figure(
            "missions",
            _("Missions"),
            people(totals["total"]),
            None,
            _("Missions starting in the period (planned start while the actual one is unknown)."),
        )
    ]
    figures += [
        Figure(
            f"scheme_{value}",
            label,
            people(by_scheme.get(value, 0)),
            None,
            _("Missions of this scheme."),
        )
        for value, label in Scheme.choices
        if by_scheme.get(value)
    ]
    figures += [
        Figure(
            "women",
            _("Held by women"),
            share(totals["women"], totals["gender_known"]),
            totals["gender_known"],
            _("Share of the missions whose volunteer's gender is known."),
            True,
        ),
        Figure(
            "reciprocity",
            _("In reciprocity"),
            share(totals["reciprocity"], totals["direction_known"]),
            totals["direction_known"],
            _(
                "Share of the missions where a volunteer of the federation's country is "
                "hosted abroad, among those whose volunteer's nationality and host are known."
            ),
            True,
        ),
        Figure(
            "first_time_hosts",
            _("First-time hosts"),
            # Hosts are local governments and organisations, not people: not suppressed.
            percentage(first_time, hosts),
            hosts,
            _(
                "Share of the hosts (local governments and organisations) of these missions "
                "whose first mission ever is one of them."
            ),
            True,
        ),
    ]
    return figures


def first_time_hosts(counted: QuerySet[Mission]) -> tuple[int, int]:
    """(hosts of the missions counted, those whose first mission ever is among them): a
    host's first mission starts on the earliest day of all its missions' (actual start,
    else planned); two on that day both count as first. A host whose missions have no
    known start has no first one."""
    start = Coalesce("actual_start", "planned_start")

    def earliest(missions: QuerySet[Mission]) -> dict[tuple, date | None]:
        rows = (
            missions.exclude(host_government__isnull=True, host_organisation__isnull=True)
            .values_list("host_government", "host_organisation")
            .annotate(first=Min(start))
            .order_by()
        )
        return {(government, organisation): first for government, organisation, first in rows}

    among = earliest(counted)
    ever = earliest(Mission.objects.all())
    return len(among), sum(
        1 for host, first in among.items() if first is not None and first == ever.get(host)
    )


def table_rows(counted: QuerySet[Mission], field: str, label) -> list[list]:
    """Missions counted by one of their links (``field``), largest first."""
    rows = counted.values(field).annotate(n=Count("pk", distinct=True)).order_by("-n")
    return [[label(row[field]), people(row["n"])] for row in rows if row[field] is not None]


def cohort(filters: Filters) -> list[dict]:
    """Wave by wave: invitations sent, answers, the response rate, and the impact
    indicators among the answers (suppressed under 5 answers)."""
    invitations = Invitation.objects.filter(mission__in=missions(filters))
    sent = dict(
        invitations.filter(sent_at__isnull=False)
        .values_list("wave")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = (
        Answer.objects.filter(invitation__in=invitations, submitted_at__isnull=False)
        .values("invitation__wave")
        .annotate(
            n=Count("pk"),
            n_active=Count("pk", filter=Q(active=True)),
            active_known=Count("pk", filter=Q(active__isnull=False)),
            n_engaged=Count("pk", filter=Q(engaged=True)),
            engaged_known=Count("pk", filter=Q(engaged__isnull=False)),
            mean_skills=Avg("skills"),
            skills_known=Count("pk", filter=Q(skills__isnull=False)),
            mean_impact=Avg("impact"),
            impact_known=Count("pk", filter=Q(impact__isnull=False)),
        )
        .order_by()
    )
    by_wave = {row["invitation__wave"]: row for row in answers}
    rows = []
    baseline = None
    for wave in Wave.objects.all():
        row: dict = dict(by_wave.get(wave.pk, {}))
        answered = row.get("n", 0)
        skills = _mean(row.get("mean_skills"), row.get("skills_known", 0))
        change: Decimal | None = (
            skills - baseline if isinstance(skills, Decimal) and baseline else None
        )
        if baseline is None and isinstance(skills, Decimal):
            baseline = skills  # the first wave that rated skills: what the others compare to
        rows.append(
            {
                "wave": wave,
                "sent": people(sent.get(wave.pk, 0)),
                "answered": people(answered),
                "rate": share(answered, sent.get(wave.pk, 0)),
                "active": share(row.get("n_active", 0), row.get("active_known", 0)),
                "engaged": share(row.get("n_engaged", 0), row.get("engaged_known", 0)),
                "skills": skills,
                "skills_change": change,
                "impact": _mean(row.get("mean_impact"), row.get("impact_known", 0)),
            }
        )
    return rows


def _mean(value, known: int) -> Decimal | Few | None:
    if not known:
        return None
    if known < FEWEST:
        return FEW
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def as_json(found: list[Figure]) -> dict:
    """The figures for scripts: counts as numbers, shares as percentages, "< 5" where
    suppressed, null where not known."""

    def value(figure: Figure):
        if isinstance(figure.value, Few) or figure.value is None:
            return None if figure.value is None else str(figure.value)
        return float(cast(Decimal, figure.value)) if figure.is_share else figure.value

    return {figure.key: value(figure) for figure in found}
