"""Writing programmes' co-financing plans, contributions and activities: one way for the
forms, the demo data and tests. Each write checks its rule and writes everything or
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from coopdec.core.collation import by_name
from coopdec.core.typography import elide, long_date, percent
from coopdec.projects.models import Indicator, MeasurementQuerySet, Project
from coopdec.territories.models import Area

from .models import HUNDRED, Activity, CoFunding, Contribution, Participation, Programme


def members(programme: Programme) -> QuerySet[Area]:
    """The local governments abroad taking part through the programme's partnerships: those
    who owe the yearly contribution."""
    return (
        Area.objects.filter(partnerships_abroad__programmes=programme)
        .distinct()
        .select_related("country")
        .order_by(by_name("name"))
    )


def check_cofunding(lines: list[dict]) -> None:
    """A co-financing plan's rule: one funder a line, each once, shares making 100 %."""
    funders = [(line.get("funder_organisation"), line.get("funder_government")) for line in lines]
    for organisation, government in funders:
        if bool(organisation) == bool(government):
            raise ValidationError(
                _("Name one funder a line: an organisation or a local government.")
            )
    if len(set(funders)) != len(funders):
        raise ValidationError(_("A funder appears twice: give it one line."))
    total = sum((line["share"] for line in lines), Decimal(0))
    if lines and total != HUNDRED:
        raise ValidationError(
            _("The shares add up to %(total)s: a plan covers 100 %% of the budget.")
            % {"total": percent(total, 2 if total % 1 else 0)}
        )


@transaction.atomic
def set_cofunding(programme: Programme, lines: list[dict]) -> list[CoFunding]:
    """Replace the programme's co-financing plan by ``lines`` (each: ``funder_organisation``
    or ``funder_government``, ``share`` in percent, ``received``). The shares must make
    100 % of the budget; an empty plan clears it."""
    check_cofunding(lines)
    programme.save(update_fields=["updated_at"])  # its figures changed
    CoFunding.objects.filter(programme=programme).delete()
    return CoFunding.objects.bulk_create(
        [
            CoFunding(
                programme=programme,
                funder_organisation=line.get("funder_organisation"),
                funder_government=line.get("funder_government"),
                share=line["share"],
                received=line.get("received"),
            )
            for line in lines
        ]
    )


def check_payment(
    programme: Programme,
    *,
    member: Area,
    year: int,
    amount: Decimal,
    pledged: Decimal | None = None,
    **_ignored,
) -> Contribution | None:
    """A payment's rule: from a member, for a year of the period, more than zero, once a
    year (a second payment for one year is an error to correct, not a new payment). Gives
    the year's contribution when one is recorded."""
    if not members(programme).filter(pk=member.pk).exists():
        raise ValidationError(
            _("%(member)s takes part in none of this programme's partnerships.")
            % {"member": member}
        )
    years = programme.years()
    if years and year not in years:
        raise ValidationError(
            _("%(year)s is outside the programme's period (%(start)s–%(end)s).")
            % {"year": year, "start": years[0], "end": years[-1]}
        )
    if amount <= 0:
        raise ValidationError(_("A payment is more than zero."))
    contribution = Contribution.objects.filter(
        programme=programme, member=member, year=year
    ).first()
    if contribution and contribution.paid is not None:
        raise ValidationError(
            elide(
                _("%(member)s's contribution for %(year)s was already paid on %(date)s.")
                % {"member": member, "year": year, "date": long_date(contribution.paid_on)}
            )
        )
    if contribution is None and pledged is None and programme.yearly_contribution is None:
        raise ValidationError(_("The programme has no yearly contribution: say how much was due."))
    return contribution


@transaction.atomic
def record_payment(
    programme: Programme,
    *,
    member: Area,
    year: int,
    amount: Decimal,
    paid_on: date,
    receipt=None,
    pledged: Decimal | None = None,
) -> Contribution:
    """A member's payment of its contribution for ``year`` (see ``check_payment``)."""
    # One payment at a time for a programme: two clerks recording the same one collide here.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    contribution = check_payment(
        programme, member=member, year=year, amount=amount, pledged=pledged
    )
    if contribution is None:
        due = pledged if pledged is not None else programme.yearly_contribution
        assert due is not None  # check_payment asked for it
        contribution = Contribution(programme=programme, member=member, year=year, pledged=due)
    elif pledged is not None:
        contribution.pledged = pledged
    contribution.paid, contribution.paid_on, contribution.receipt = amount, paid_on, receipt
    contribution.full_clean()
    contribution.save()
    return contribution


def check_participations(participations: dict[int, dict], allowed: set[int] | None = None) -> None:
    """Who took part: only the programme's partnerships (``allowed``), and women and men
    together never more than the participants."""
    for partnership, counts in participations.items():
        if allowed is not None and partnership not in allowed:
            raise ValidationError(_("Only the programme's partnerships take part in it."))
        people, women, men = (counts.get(key) for key in ("people", "women", "men"))
        if people is not None and (women or 0) + (men or 0) > people:
            raise ValidationError(_("Women and men together are more than the participants."))


@transaction.atomic
def write_activity(activity: Activity, values: dict, participations: dict[int, dict]) -> Activity:
    """Save ``activity`` with ``values`` and who took part: partnership key → ``people``,
    ``women``, ``men`` (each may be unknown)."""
    for name, value in values.items():
        setattr(activity, name, value)
    allowed = set(activity.programme.partnerships.values_list("pk", flat=True))
    check_participations(participations, allowed)
    activity.full_clean()
    activity.save()
    activity.participations.all().delete()
    Participation.objects.bulk_create(
        [
            Participation(activity=activity, partnership_id=pk, **counts)
            for pk, counts in participations.items()
        ]
    )
    return activity


@dataclass(frozen=True)
class Cell:
    """A member's contribution for a year: due, paid (when), or nothing known."""

    due: Decimal | None
    paid: Decimal | None
    paid_on: date | None

    @property
    def unpaid(self) -> bool:
        return self.due is not None and self.paid is None


@dataclass(frozen=True)
class ContributionGrid:
    years: list[int]
    rows: list[tuple[Area, list[Cell]]]
    due_by_year: list[Decimal]
    paid_by_year: list[Decimal]

    def followed_year(self, today: int) -> int | None:
        """The year whose payments are followed: this one during the period, the last one
        once it is over (what is still owed), none before it starts."""
        if today in self.years:
            return today
        if self.years and today > self.years[-1]:
            return self.years[-1]
        return None

    @property
    def by_year(self) -> list[tuple[int, Decimal, Decimal]]:
        """Each year with what was due and what was paid, members together."""
        return list(zip(self.years, self.due_by_year, self.paid_by_year, strict=True))

    def unpaid(self, year: int) -> list[Area]:
        """The members who have not paid for ``year``."""
        if year not in self.years:
            return []
        index = self.years.index(year)
        return [member for member, cells in self.rows if cells[index].unpaid]


def contribution_grid(programme: Programme) -> ContributionGrid:
    """Every member × every year of the period: what is due (its recorded amount, else the
    programme's yearly contribution) and what was paid."""
    recorded = {(c.member_id, c.year): c for c in Contribution.objects.filter(programme=programme)}
    years = sorted(set(programme.years()) | {year for _member, year in recorded})
    rows = []
    for member in members(programme):
        cells = []
        for year in years:
            found = recorded.get((member.pk, year))
            if found:
                cells.append(Cell(found.pledged, found.paid, found.paid_on))
            else:
                cells.append(Cell(programme.yearly_contribution, None, None))
        rows.append((member, cells))
    due = [
        sum((cells[i].due or Decimal(0) for _m, cells in rows), Decimal(0))
        for i in range(len(years))
    ]
    paid = [
        sum((cells[i].paid or Decimal(0) for _m, cells in rows), Decimal(0))
        for i in range(len(years))
    ]
    return ContributionGrid(years, rows, due, paid)


def activity_totals(programme: Programme) -> dict:
    """How many activities, their participants (women, men, in all, where counted) and
    their cost."""
    counts = Participation.objects.filter(activity__programme=programme).aggregate(
        people=Sum("people"), women=Sum("women"), men=Sum("men")
    )
    activities = Activity.objects.filter(programme=programme).aggregate(
        count=Count("pk"), cost=Sum("cost")
    )
    return {**counts, **activities}


def projects(programme: Programme) -> QuerySet[Project]:
    """The programme's projects: those of its partnerships and those it runs itself."""
    return Project.objects.filter(
        Q(partnership__in=programme.partnerships.values("pk"))
        | Q(pk__in=programme.projects.values("pk"))
    )


# Units that a sum would not mean anything for: shares of different wholes.
NOT_ADDED = {"%", "pourcent", "pourcentage", "percent", "percentage", "taux", "rate"}


@dataclass(frozen=True)
class Result:
    """The programme's indicators that share one unit, added up."""

    unit: str
    indicators: int
    projects: int
    baseline: Decimal
    target: Decimal
    measured: int  # indicators with at least one measurement
    achieved: Decimal  # the sum of their latest values


def results(
    indicators: QuerySet[Indicator], measurements: MeasurementQuerySet
) -> tuple[list[Result], int]:
    """``indicators`` added up by unit where the units agree (spelled alike, whatever the
    case or spacing), largest unit first; and how many indicators could not be added (a
    percentage, a rate). The achieved value of an indicator is its latest measurement
    among ``measurements`` (those the reader may see)."""
    rows = list(indicators.values("pk", "project_id", "unit", "baseline", "target").order_by("pk"))
    latest = measurements.latest_values([row["pk"] for row in rows])
    groups: dict[str, list] = {}
    spelled: dict[str, str] = {}
    apart = 0
    for row in rows:
        key = " ".join(row["unit"].split()).casefold()
        if not key or key in NOT_ADDED:
            apart += 1
            continue
        groups.setdefault(key, []).append(row)
        spelled.setdefault(key, " ".join(row["unit"].split()))
    found = [
        Result(
            unit=spelled[key],
            indicators=len(group),
            projects=len({row["project_id"] for row in group}),
            baseline=sum((row["baseline"] for row in group), Decimal(0)),
            target=sum((row["target"] for row in group), Decimal(0)),
            measured=sum(1 for row in group if row["pk"] in latest),
            achieved=sum((latest[row["pk"]] for row in group if row["pk"] in latest), Decimal(0)),
        )
        for key, group in groups.items()
    ]
    found.sort(key=lambda result: (-result.indicators, result.unit.casefold()))
    return found, apart
