"""Accounts for the people outside the federation (focal points of every commune,
partners, observers, volunteers), brought in from a spreadsheet and invited by e-mail once
the import is committed. Federation accounts are never imported: an administrator creates
them one by one from the accounts page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.accounts import invitations
from coopdec.accounts.enums import FEDERATION_ROLES, Role
from coopdec.accounts.models import User

from .base import LOCAL, ORGANISATION, Column, ImportKind, choice_parser


class _InvitedRoles:
    """The roles an import may give."""

    choices = [(value, label) for value, label in Role.choices if value not in FEDERATION_ROLES]


class AccountImport(ImportKind):
    key = "accounts"
    label = gettext_lazy("Accounts (invited by e-mail)")
    model = User
    columns = (
        Column(
            "email",
            gettext_lazy("E-mail"),
            ("email", "courriel", "mail", "adresse e mail", "adresse electronique"),
            required=True,
        ),
        Column("first_name", gettext_lazy("First name"), ("prenom", "prenoms")),
        Column("last_name", gettext_lazy("Last name"), ("nom", "nom de famille", "surname")),
        Column(
            "role",
            gettext_lazy("Role"),
            ("role", "profil", "type de compte"),
            required=True,
            parse=choice_parser(_InvitedRoles, "account_role"),
        ),
        Column(
            "local_governments",
            gettext_lazy("Local governments in scope"),
            ("commune", "communes", "collectivite", "collectivites", "mairie"),
            resolve=LOCAL,
            many=True,
        ),
        Column(
            "organisations",
            gettext_lazy("Organisations in scope"),
            ("organisation", "organisations", "association", "structure"),
            resolve=ORGANISATION,
            many=True,
        ),
    )
    scalar_fields = ("email", "first_name", "last_name", "role")
    many_fields = ("local_governments", "organisations")
    example = {
        "email": "afi.mensah@exemple.tg",
        "first_name": "Afi",
        "last_name": "Mensah",
        "role": "Point focal",
        "local_governments": "Kloto 1",
        "organisations": "",
    }

    def complete(self, values: dict) -> list[str]:
        values["email"] = values.get("email", "").strip().lower()
        try:
            validate_email(values["email"])
        except ValidationError:
            return [_("“%(value)s” is not an e-mail address.") % {"value": values["email"]}]
        federation = self.reference(
            "federation",
            lambda: {
                email.lower()
                for email in User.objects.filter(role__in=FEDERATION_ROLES).values_list(
                    "email", flat=True
                )
            },
        )
        if values["email"] in federation:
            return [_("This address is a federation account's: change it from the accounts page.")]
        role = values.get("role")
        if role == Role.FOCAL_POINT and not values.get("local_governments"):
            return [_("A focal point speaks for at least one commune.")]
        if role == Role.PARTNER and not (
            values.get("local_governments") or values.get("organisations")
        ):
            return [_("A partner speaks for at least one local government or organisation.")]
        return []

    def key_of(self, values: dict) -> tuple:
        return (values["email"],)

    def existing(self) -> dict[tuple, int]:
        rows = User.objects.exclude(role__in=FEDERATION_ROLES).values_list("email", "pk")
        found: dict[tuple, int] = {}
        for email, pk in rows.order_by("pk"):
            if email:
                found.setdefault((email.lower(),), pk)
        return found

    def prepare(self, records: list[User]) -> None:
        taken = set(User.objects.values_list("username", flat=True))
        for user in records:
            user.username = invitations.username_from(user.email, taken.__contains__)
            taken.add(user.username)
            user.set_unusable_password()  # no sign-in before the person chooses one

    def create_many(self, rows: list[dict]) -> list[User]:
        """The accounts, and their invitations once the import is committed."""
        users = super().create_many(rows)
        transaction.on_commit(lambda: self._invite(users))
        return users

    @staticmethod
    def _invite(users: list[User]) -> None:
        for user in users:
            invitations.send(user)
