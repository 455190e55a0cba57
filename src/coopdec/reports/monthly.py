"""The monthly report of the steering committee, drafted from the cooperation data of one
month: what changed (partnerships, projects, funding, opportunities and the communes'
answers, programme activities), the meetings with the actions decided, done and overdue,
the problems met and the solutions proposed, and the key figures. One collection for the
page, the PDF, the editable document and the command."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core import pdf
from coopdec.core.audit import changed_between
from coopdec.core.tables import Table
from coopdec.core.templatetags.cells import is_number, written
from coopdec.core.typography import long_date, money, month_year, percent
from coopdec.inventory import stats
from coopdec.inventory.headline import Figure, headline
from coopdec.inventory.stats import Filters
from coopdec.meetings.enums import ActionStatus, OutcomeKind
from coopdec.meetings.models import Action, Meeting, Outcome
from coopdec.opportunities.models import Opportunity, Response
from coopdec.partnerships.models import Partnership
from coopdec.practices.models import GoodPractice
from coopdec.programmes.models import Activity
from coopdec.projects.models import FundingLine, Project
from coopdec.volunteers.figures import people
from coopdec.volunteers.models import Answer, Mission


def parse_month(text: str) -> date:
    """ "2026-03" as the first day of that month; refused if malformed or to come."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        first = date(year, month, 1)
    except (ValueError, TypeError):
        raise ValidationError(
            _("“%(value)s” is not a month: write it as 2026-03.") % {"value": text}
        ) from None
    check_month(first)
    return first


def check_month(first: date) -> None:
    today = timezone.localdate()
    if first > today.replace(day=1):
        raise ValidationError(
            _("%(month)s has not begun: a report covers a month that has.")
            % {"month": first.strftime("%Y-%m")}
        )


@dataclass
class Month:
    first: date
    new_partnerships: list = field(default_factory=list)
    updated_partnerships: list = field(default_factory=list)
    new_projects: list = field(default_factory=list)
    updated_projects: list = field(default_factory=list)
    funding: dict = field(default_factory=dict)
    opportunities: list = field(default_factory=list)
    answers: list[tuple[str, int]] = field(default_factory=list)
    activities: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    actions_decided: list = field(default_factory=list)
    actions_done: list = field(default_factory=list)
    actions_overdue: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    solutions: list = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    charts: list[Table] = field(default_factory=list)
    practices: list = field(default_factory=list)
    missions_starting: int = 0
    survey_answers: int = 0

    @property
    def last(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    @property
    def empty(self) -> bool:
        """Nothing happened in the month (the key figures are always there)."""
        return not any(
            [
                self.new_partnerships,
                self.updated_partnerships,
                self.new_projects,
                self.updated_projects,
                self.funding.get("lines"),
                self.opportunities,
                self.answers,
                self.activities,
                self.meetings,
                self.actions_decided,
                self.actions_done,
                self.actions_overdue,
                self.practices,
                self.missions_starting,
                self.survey_answers,
            ]
        )


def collect(first: date) -> Month:
    """Everything the report of the month starting on ``first`` says (validated records
    only), each month read on the federation's clock."""
    zone = timezone.get_current_timezone()
    month = Month(first)
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(month.last + timedelta(days=1), time.min, tzinfo=zone)
    created, updated = changed_between(Partnership, start, end)
    partnerships = Partnership.objects.published().select_related("local_government")
    month.new_partnerships = list(partnerships.filter(pk__in=created).order_by("name"))
    month.updated_partnerships = list(partnerships.filter(pk__in=updated).order_by("name"))
    created, updated = changed_between(Project, start, end)
    projects = Project.objects.published().select_related("partnership")
    month.new_projects = list(projects.filter(pk__in=created).order_by("title"))
    month.updated_projects = list(projects.filter(pk__in=updated).order_by("title"))
    lines = FundingLine.objects.published().filter(date__gte=first, date__lte=month.last)
    month.funding = {
        "lines": lines.count(),
        **lines.aggregate(
            planned_eur=Sum("planned_eur"),
            committed_eur=Sum("committed_eur"),
            disbursed_eur=Sum("disbursed_eur"),
        ),
    }
    month.opportunities = list(
        Opportunity.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("published_at")
    )
    answered = Q()
    for column in ("interested_at", "applied_at", "decided_at"):
        answered |= Q(**{f"{column}__gte": start, f"{column}__lt": end})
    labels = dict(Response._meta.get_field("answer").choices or [])
    month.answers = [
        (str(labels.get(answer, answer)), count)
        for answer, count in Response.objects.filter(answered)
        .exclude(answer="")
        .values_list("answer")
        .annotate(count=Count("pk"))
        .order_by("answer")
    ]
    month.activities = list(
        Activity.objects.filter(date__gte=first, date__lte=month.last, programme__published=True)
        .select_related("programme")
        .order_by("date")
    )
    meetings = Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
    month.meetings = list(meetings.order_by("starts_at"))
    actions = Action.objects.select_related("owner_person", "owner_organisation", "item__meeting")
    month.actions_decided = list(actions.filter(item__meeting__in=meetings).order_by("due_on"))
    month.actions_done = list(
        actions.filter(status=ActionStatus.DONE, closed_on__gte=first, closed_on__lte=month.last)
    )
    month.actions_overdue = list(
        actions.filter(
            Q(status=ActionStatus.OPEN) | Q(closed_on__gt=month.last), due_on__lte=month.last
        ).exclude(item__meeting__starts_at__gte=end)
    )
    outcomes = Outcome.objects.filter(item__meeting__in=meetings).select_related("item")
    month.problems = list(outcomes.filter(kind=OutcomeKind.PROBLEM))
    month.solutions = list(outcomes.filter(kind=OutcomeKind.SOLUTION))
    # Validated practices recorded in the month (the validation date is not kept apart).
    month.practices = list(
        GoodPractice.objects.published()
        .filter(created_at__gte=start, created_at__lt=end)
        .order_by("created_at")
    )
    month.missions_starting = Mission.objects.filter(
        Q(actual_start__gte=first, actual_start__lte=month.last)
        | Q(actual_start__isnull=True, planned_start__gte=first, planned_start__lte=month.last)
    ).count()
    month.survey_answers = Answer.objects.filter(
        submitted_at__gte=start, submitted_at__lt=end
    ).count()
    everything = Filters()
    month.figures = headline(everything)
    month.charts = [stats.by_status(everything), stats.funding_by_year(everything)]
    return month


def as_pdf(month: Month, foreword: str = "") -> bytes:
    context = {
        "month": month,
        "foreword": foreword,
        "title": title(month),
        "nothing": nothing_recorded(month),
        "sections": sections(month),
    }
    return pdf.render_pdf("reports/monthly_pdf.html", context, stylesheets=("coopdec/report.css",))


def as_docx(month: Month, foreword: str = "") -> bytes:
    """The same report as a Word document the secretariat finishes by hand."""
    from docx import Document

    document = Document()
    document.add_heading(title(month), 0)
    if foreword:
        document.add_heading(_("Foreword"), 1)
        for paragraph in foreword.split("\n\n"):
            document.add_paragraph(paragraph)
    if month.empty:
        document.add_paragraph(nothing_recorded(month))
    for heading, items in sections(month):
        document.add_heading(heading, 1)
        if not items:
            document.add_paragraph(_("Nothing this month."))
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    document.add_heading(_("Key figures today"), 1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("Figure"), _("Value")
    for figure in month.figures:
        row = table.add_row().cells
        row[0].text = str(figure.label)
        share = f" ({percent(figure.share)})" if figure.share is not None else ""
        row[1].text = f"{figure.count}{share}"
    for chart in month.charts:
        document.add_heading(str(chart.title), 2)
        grid = document.add_table(rows=1, cols=len(chart.columns))
        for cell, column in zip(grid.rows[0].cells, chart.columns, strict=True):
            cell.text = str(column)
        for values in [*chart.body(), *([chart.footer()] if chart.total else [])]:
            row = grid.add_row().cells
            for cell, (value, currency) in zip(row, values, strict=True):
                cell.text = written(value, currency) if is_number(value) else str(value or "—")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def title(month: Month) -> str:
    return _("Monthly report — %(month)s") % {"month": month_year(month.first)}


def nothing_recorded(month: Month) -> str:
    return _("Nothing was recorded for %(month)s: no change, no meeting, no action.") % {
        "month": month_year(month.first)
    }


def _owner_due(action) -> str:
    return _("%(action)s — %(owner)s, due on %(date)s") % {
        "action": action.title,
        "owner": action.owner or "—",
        "date": long_date(action.due_on),
    }


def sections(month: Month) -> list[tuple[str, list[str]]]:
    """The report's sections as lines of text (the editable document's; the PDF's template
    lays out the same ones)."""
    funding = month.funding
    return [
        (_("New partnerships"), [f"{p} ({p.local_government})" for p in month.new_partnerships]),
        (_("Partnerships updated"), [str(p) for p in month.updated_partnerships]),
        (_("New projects"), [f"{p.title} ({p.partnership})" for p in month.new_projects]),
        (_("Projects updated"), [p.title for p in month.updated_projects]),
        (
            _("Funding dated this month"),
            [
                _("%(count)s lines: %(committed)s committed, %(disbursed)s disbursed")
                % {
                    "count": funding["lines"],
                    "committed": money(round(funding["committed_eur"] or Decimal(0)), "EUR"),
                    "disbursed": money(round(funding["disbursed_eur"] or Decimal(0)), "EUR"),
                }
            ]
            if funding.get("lines")
            else [],
        ),
        (_("Opportunities published"), [str(o) for o in month.opportunities]),
        (_("The communes' answers"), [f"{label}: {count}" for label, count in month.answers]),
        (
            _("Programme activities"),
            [f"{a.title} — {a.programme} ({long_date(a.date)})" for a in month.activities],
        ),
        (_("Meetings"), [f"{m.title} ({long_date(m.local_start())})" for m in month.meetings]),
        (_("Actions decided"), [_owner_due(a) for a in month.actions_decided]),
        (_("Actions done"), [_owner_due(a) for a in month.actions_done]),
        (_("Actions overdue"), [_owner_due(a) for a in month.actions_overdue]),
        (_("Problems met"), [o.text for o in month.problems]),
        (_("Solutions proposed"), [o.text for o in month.solutions]),
        (_("Good practices"), [p.title for p in month.practices]),
        (_("Volunteering"), _volunteering(month)),
    ]


def _volunteering(month: Month) -> list[str]:
    """Counts only, "< 5" for 1 to 4 people (as every volunteering figure)."""
    lines = []
    if month.missions_starting:
        lines.append(
            _("Volunteer missions starting: %(count)s") % {"count": people(month.missions_starting)}
        )
    if month.survey_answers:
        lines.append(
            _("Follow-up surveys answered: %(count)s") % {"count": people(month.survey_answers)}
        )
    return lines
