"""A commune's one-page profile as PDF, for scheduled runs and mailings: the same page as
``/communes/<slug>/fiche.pdf``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.inventory.profile import as_pdf, profile
from coopdec.territories.models import Area


class Command(BaseCommand):
    help = _(
        "Write a commune's one-page profile as PDF: with every validated record (as the "
        "federation reads it), or the public records only with --public."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("commune", help=_("The commune's address name (slug), e.g. kloto-1."))
        parser.add_argument("--output", required=True, help=_("The PDF file to write."))
        parser.add_argument(
            "--public", action="store_true", help=_("The public records only (as on the atlas).")
        )

    def handle(self, *args, **options) -> None:
        commune = (
            Area.objects.communes()
            .select_related(*Area.PLACE)
            .filter(slug=options["commune"])
            .first()
        )
        if commune is None:
            raise CommandError(_("No commune is named %(slug)s.") % {"slug": options["commune"]})
        output = Path(options["output"])
        if output.suffix.lower() != ".pdf":
            raise CommandError(_("The output is a PDF file: name it with .pdf."))
        # The federation's reading, without an account: nothing is written.
        reader = User(role=Role.FEDERATION_STAFF, is_active=True)
        document = as_pdf(profile(commune, reader, public=options["public"]))
        try:
            output.write_bytes(document)
        except OSError as error:
            raise CommandError(
                _("The file could not be written: %(error)s") % {"error": error.strerror}
            ) from None
        self.stdout.write(_("Profile written to %(file)s.") % {"file": output})
