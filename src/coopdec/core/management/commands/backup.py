from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.core import backup


class Command(BaseCommand):
    help = "Write one archive of the database and the uploaded files (the site may keep running)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="The archive to write (default: coopdec-backup-<date>-<time>.tar.gz here).",
        )

    def handle(self, *args, **options) -> None:
        output = options["output"] or Path(
            f"coopdec-backup-{datetime.now(UTC):%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            report = backup.create(output)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(file)s: %(tables)d tables, %(rows)d rows, %(files)d files.")
                % {
                    "file": output,
                    "tables": report.tables,
                    "rows": report.rows,
                    "files": report.files,
                }
            )
        )
