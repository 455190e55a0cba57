from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.core.reference import load_all


class Command(BaseCommand):
    help = (
        "Load the reference data (countries, currencies, territories, themes, SDGs); with "
        "--country, a country's areas kept for loading on demand (FR: France's official "
        "geographic code); with --file, any country's file. Idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--country", action="append", default=[], help="a country code, e.g. FR"
        )
        parser.add_argument(
            "--file",
            action="append",
            default=[],
            type=Path,
            help="a file of areas named <COUNTRY>.csv or <COUNTRY>.csv.gz",
        )

    def handle(self, *args, country: list[str], file: list[Path], **options) -> None:
        try:
            report = load_all(countries=[code.upper() for code in country], files=file)
        except (ValueError, OSError) as error:  # a file that cannot be read or loaded
            raise CommandError(_("Nothing was loaded: %(error)s") % {"error": error}) from error
        for key in sorted(report):
            self.stdout.write(f"  {key}: {report[key]}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Reference data loaded: %(count)d records created or updated.")
                % {"count": report.changed()}
            )
        )
