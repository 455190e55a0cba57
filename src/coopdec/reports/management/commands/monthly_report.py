"""A month's report from the command line, for scheduled runs: the same report as the
page's (``reports.monthly``), as PDF or as an editable document (DOCX)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.reports import monthly

WRITERS = {".pdf": monthly.as_pdf, ".docx": monthly.as_docx}


class Command(BaseCommand):
    help = _("Write the monthly report of a month as PDF or DOCX (by the output's extension).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", required=True, help=_("The month, as 2026-03."))
        parser.add_argument("--output", required=True, help=_("report.pdf or report.docx"))

    def handle(self, *args, **options) -> None:
        try:
            first = monthly.parse_month(options["month"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        output = Path(options["output"])
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(_("Name the output .pdf or .docx."))
        content = writer(monthly.collect(first))
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("The file could not be written: %(error)s") % {"error": error.strerror}
            ) from None
        self.stdout.write(_("Report written to %(file)s.") % {"file": output})
