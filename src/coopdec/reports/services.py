"""Asking for, drafting and issuing monthly reports: one way for the pages, the command
and tests."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.notifications import fanout
from coopdec.notifications.enums import Reason

from . import monthly
from .models import MonthlyReport, ReportState


def ask(first: date) -> MonthlyReport:
    """Queue the drafting of the month's report (again, if it was drafted: the data may
    have changed). An issued report is not drafted again."""
    monthly.check_month(first)
    from .tasks import draft_report  # here: the task calls this module back

    with transaction.atomic():
        report, _created = MonthlyReport.objects.select_for_update().get_or_create(month=first)
        if report.state != ReportState.ISSUED:
            report.state = ReportState.QUEUED
            report.save(update_fields=["state"])
            transaction.on_commit(lambda: draft_report.enqueue(report.pk))
    return report


def draft(report_id: int) -> None:
    """Write the report's PDF and editable document from the data (the worker's job), in
    the federation's language."""
    report = MonthlyReport.objects.filter(pk=report_id).first()
    if report is None or report.state == ReportState.ISSUED:
        return
    with override("fr"):
        month = monthly.collect(report.month)
        name = f"rapport-{report.month:%Y-%m}"
        report.pdf.save(
            f"{name}.pdf", ContentFile(monthly.as_pdf(month, report.foreword)), save=False
        )
        report.docx.save(
            f"{name}.docx", ContentFile(monthly.as_docx(month, report.foreword)), save=False
        )
    report.empty = month.empty
    report.state = ReportState.READY
    report.drafted_at = timezone.now()
    report.save()


def drafted(report: MonthlyReport) -> MonthlyReport:
    """``report`` drafted here and now (what the worker does): the demo data, tests."""
    draft(report.pk)
    report.refresh_from_db()
    return report


@transaction.atomic
def issue(report: MonthlyReport, *, foreword: str, by: User) -> None:
    """Issue the report with its foreword (drafted again with it, here and now), and tell
    observers and partners."""
    report.foreword = foreword
    report.save(update_fields=["foreword"])
    draft(report.pk)
    report.refresh_from_db()
    report.state = ReportState.ISSUED
    report.issued_at = timezone.now()
    report.issued_by = by
    report.save(update_fields=["state", "issued_at", "issued_by"])
    readers = User.objects.filter(is_active=True, role__in=[Role.OBSERVER, Role.PARTNER])
    fanout.notify(
        report,
        Reason.REPORT_ISSUED,
        {pk: [] for pk in readers.values_list("pk", flat=True)},
        topic="reports",
        key=f"{Reason.REPORT_ISSUED}:{report.pk}",
    )
