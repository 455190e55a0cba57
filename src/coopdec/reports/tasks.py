"""Background work of reports, run by ``coopdec db_worker``: drafting a monthly report."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def draft_report(report_id: int) -> None:
    services.draft(report_id)
