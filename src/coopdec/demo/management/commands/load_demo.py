from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from coopdec.demo.data import ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Load fictional demonstration data and print a sign-in for each demo account."

    def handle(self, *args, **options) -> None:
        report, passwords = load_demo()
        self.stdout.write(
            _("Demo data: %(count)d records created or updated.") % {"count": report.changed()}
        )
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Sign in at /connexion/ with (new random passwords; the federation's "
                    "accounts then give the one-time code that follows for the second step):"
                )
            )
        )
        for username, role, *_rest in ACCOUNTS:
            self.stdout.write(f"  {username:<24} {passwords[username]:<32} {role.label}")
