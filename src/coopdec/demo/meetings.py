"""The monthly steering committee FCT – French Embassy – France Volontaires: last month's
meeting, held, with its outcomes and two actions (one done, one still open), and next
month's, planned, where the open action is carried by itself; last month's report,
drafted. Dates follow today's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coopdec.core.reference import LoadReport
from coopdec.directory.models import Organisation
from coopdec.meetings import services
from coopdec.meetings.models import Action, Item, Meeting, Outcome, Series
from coopdec.reports import services as reports
from coopdec.reports.models import MonthlyReport

SERIES = "Comité de pilotage FCT – Ambassade de France – France Volontaires"
AGENDA = [
    "Travaux du mois",
    "Problèmes rencontrés et solutions proposées",
    "Opportunités en cours",
    "Questions diverses",
]
MEMBERS = ["faitiere-des-communes-du-togo", "ambassade-france-togo-scac", "france-volontaires"]


def _tenth(month_start: date) -> datetime:
    return datetime(month_start.year, month_start.month, 10, 9, tzinfo=ZoneInfo("Africa/Lome"))


def load_meetings(report: LoadReport) -> None:
    """Create the committee's series and two meetings unless the series exists."""
    if Series.objects.filter(name=SERIES).exists():
        return
    series = Series.objects.create(
        name=SERIES,
        kind="steering_committee",
        agenda="\n".join(AGENDA),
        place="Siège de la FCT, Lomé",
    )
    members = list(Organisation.objects.filter(slug__in=MEMBERS))
    series.organisations.set(members)
    report.record(Series, "created")
    first_of_month = timezone.localdate().replace(day=1)
    last_month = (first_of_month - timedelta(days=1)).replace(day=1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    held = services.create_meeting(
        {
            "title": f"Comité de pilotage — {last_month:%m/%Y}",
            "kind": "",
            "starts_at": _tenth(last_month),
        },
        series=series,
    )
    # Who came: the federation and the Embassy; France Volontaires sent apologies.
    services.record_attendance(
        held,
        {
            attendance.pk: "apologies"
            if attendance.organisation.slug == "france-volontaires"
            else "present"
            for attendance in held.attendances.select_related("organisation")
        },
        now=timezone.now(),
    )
    work, problems = held.items.order_by("order")[:2]
    services.write_outcome(
        Outcome(item=work),
        {"kind": "information", "text": "Trois nouveaux partenariats ont été saisis ce mois-ci."},
    )
    services.write_outcome(
        Outcome(item=problems),
        {"kind": "problem", "text": "Plusieurs communes n'ont pas de point focal désigné."},
    )
    services.write_outcome(
        Outcome(item=problems),
        {
            "kind": "solution",
            "text": "La FCT écrit aux maires concernés et relance en réunion régionale.",
        },
    )
    fct = next(o for o in members if o.slug == "faitiere-des-communes-du-togo")
    volunteers = next(o for o in members if o.slug == "france-volontaires")
    done = services.write_action(
        Action(item=problems),
        {
            "title": "Écrire aux maires des communes sans point focal",
            "owner_organisation": fct,
            "due_on": _tenth(last_month).date() + timedelta(days=10),
        },
    )
    services.set_action_status(done, "done", _tenth(last_month).date() + timedelta(days=8))
    services.write_action(
        Action(item=work),
        {
            "title": "Proposer deux missions de volontaires aux communes jumelées",
            "owner_organisation": volunteers,
            "due_on": _tenth(next_month).date() + timedelta(days=5),
        },
    )
    services.create_meeting(
        {
            "title": f"Comité de pilotage — {next_month:%m/%Y}",
            "kind": "",
            "starts_at": _tenth(next_month),
            "ends_at": _tenth(next_month) + timedelta(hours=2),
        },
        series=series,
    )
    report.record(Meeting, "created")
    report.record(Meeting, "created")
    report.record(Item, "created")
    # Last month's report, drafted from the data, waiting for its foreword.
    reports.drafted(reports.ask(last_month))
    report.record(MonthlyReport, "created")
