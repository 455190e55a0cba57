from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coopdec.accounts import second_factor


class Command(BaseCommand):
    help = "Remove an account's second factor (lost phone): it sets one up again at sign-in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(_("No account named %(name)s.") % {"name": options["username"]})
        removed = second_factor.reset(user)
        self.stdout.write(
            _("%(count)d second-factor device(s) removed for %(name)s.")
            % {"count": removed, "name": user.username}
        )
