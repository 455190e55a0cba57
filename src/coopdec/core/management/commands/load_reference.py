from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from coopdec.core.reference import load_all


class Command(BaseCommand):
    help = "Load the reference data (countries, currencies, territories, themes, SDGs). Idempotent."

    def handle(self, *args, **options) -> None:
        report = load_all()
        for key in sorted(report):
            self.stdout.write(f"  {key}: {report[key]}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Reference data loaded: %(count)d records created or updated.")
                % {"count": report.changed()}
            )
        )
