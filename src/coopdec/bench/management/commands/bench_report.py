import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.bench import report


class Command(BaseCommand):
    help = _("Print the Markdown tables of BENCHMARKS.md from the JSON reports of coopdec bench.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("reports", nargs="+", type=Path)

    def handle(self, *args, reports: list[Path], **options) -> None:
        parts = []
        for path in reports:
            try:
                parts.append(report.markdown(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(
                    _("%(path)s is not a report of coopdec bench: %(error)s")
                    % {"path": path, "error": error}
                ) from error
        self.stdout.write("\n\n".join(parts))
