"""The dashboard's key figures for scripts and reports: the same numbers as the page."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.inventory.forms import DashboardFilterForm
from coopdec.inventory.headline import as_json, headline
from coopdec.programmes.models import Programme
from coopdec.volunteers import figures as volunteers


class Command(BaseCommand):
    help = (
        "Print the key figures (partnerships, active, communes, partner countries, "
        "North-South and South-South), as on the dashboard, and the volunteering figures "
        '(missions by scheme, women, reciprocity, first-time hosts; under "volunteers").'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="as JSON")
        parser.add_argument("--from", dest="signed_from", help="signed from this year")
        parser.add_argument("--to", dest="signed_to", help="signed until this year")
        parser.add_argument("--region", help="a region's address name (slug)")
        parser.add_argument("--status", help="partnerships of this status only")
        parser.add_argument(
            "--programme", type=int, help="volunteering figures of this programme (its number)"
        )

    def handle(self, *args, **options) -> None:
        wanted = {
            name: options[name]
            for name in ("signed_from", "signed_to", "region", "status")
            if options.get(name)
        }
        form = DashboardFilterForm(wanted)
        if not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(str(e) for e in errors)}"
                for name, errors in form.errors.items()
            )
            raise CommandError(_("Nothing to show: %(problems)s") % {"problems": problems})
        figures = headline(form.filters())
        volunteering = volunteers.programme_figures(self.volunteering(form, options))
        if options["json"]:
            printed = {**as_json(figures), "volunteers": volunteers.as_json(volunteering)}
            self.stdout.write(json.dumps(printed, ensure_ascii=False, indent=2))
            return
        for figure in figures:
            share = f" ({figure.share} % / {figure.of})" if figure.share is not None else ""
            self.stdout.write(f"{figure.label}: {figure.count}{share}")
        for found in volunteering:
            self.stdout.write(f"{found.label}: {found.written}")

    def volunteering(self, form, options) -> volunteers.Filters:
        """The volunteering figures' filters: the same years (of departure), a programme."""
        programme = None
        if options.get("programme"):
            programme = Programme.objects.published().filter(pk=options["programme"]).first()
            if programme is None:
                raise CommandError(
                    _("No validated programme has the number %(number)s.")
                    % {"number": options["programme"]}
                )
        data = form.cleaned_data
        return volunteers.Filters(
            programme=programme, year_from=data.get("signed_from"), year_to=data.get("signed_to")
        )
