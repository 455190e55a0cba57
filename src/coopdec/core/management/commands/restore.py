from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.core import backup


class Command(BaseCommand):
    help = "Restore an archive of `coopdec backup` into an empty database, and check it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            report = backup.restore(options["archive"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored and checked: %(tables)d tables, %(rows)d rows, %(files)d files, "
                    "as in the backup."
                )
                % {"tables": report.tables, "rows": report.rows, "files": report.files}
            )
        )
