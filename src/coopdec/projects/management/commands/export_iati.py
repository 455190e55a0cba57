from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from lxml import etree

from coopdec.projects import iati


class Command(BaseCommand):
    help = "Write the published projects as IATI 2.03 activities to an XML file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="The XML file to write.")

    def handle(self, *args, output: Path, **options) -> None:
        projects = iati.exportable_projects()
        if not projects:
            raise CommandError(iati.NOTHING_TO_EXPORT)
        content = iati.export(projects)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
            ) from error
        self.stdout.write(
            _("%(count)d activities written to %(path)s.")
            % {"count": len(etree.fromstring(content)), "path": output}
        )
