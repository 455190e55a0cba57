"""Organisations (associations, NGOs, funders…) and people with their position. People's
details are personal data: only the federation imports them, and no report repeats them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.text import normalize_name, normalize_text, search_document
from coopdec.directory.enums import OrganisationKind, PositionRole
from coopdec.directory.models import Organisation, Person, Position

from ..values import parse_date, parse_web_address
from .areas import country_column
from .base import LOCAL, ORGANISATION, Column, ImportKind, choice_parser, pk_of, unique_slugs


class OrganisationImport(ImportKind):
    key = "organisations"
    label = gettext_lazy("Organisations")
    model = Organisation
    columns = (
        Column(
            "name",
            gettext_lazy("Name"),
            ("nom", "organisation", "association", "structure", "raison sociale"),
            required=True,
        ),
        Column("acronym", gettext_lazy("Acronym"), ("sigle", "acronyme")),
        Column(
            "kind",
            gettext_lazy("Kind"),
            ("type", "nature", "categorie", "type d organisation"),
            parse=choice_parser(OrganisationKind),
        ),
        country_column(),
        Column(
            "based_in",
            gettext_lazy("Based in"),
            ("siege", "ville", "commune", "localisation", "basee a"),
            resolve=LOCAL,
        ),
        Column(
            "website",
            gettext_lazy("Website"),
            ("site", "site internet", "site web"),
            parse=parse_web_address,
        ),
        Column(
            "description",
            gettext_lazy("Description"),
            ("presentation", "objet", "activites", "notes"),
        ),
    )
    defaults = {"kind": OrganisationKind.OTHER}
    scalar_fields = ("name", "acronym", "kind", "country", "based_in", "website", "description")
    example = {
        "name": "Comité de jumelage Bressuire-Kpalimé",
        "acronym": "",
        "kind": "Comité de jumelage",
        "country": "France",
        "based_in": "Bressuire",
        "website": "",
        "description": "",
    }

    def key_of(self, values: dict) -> tuple:
        return (normalize_name(values["name"]),)

    def existing(self) -> dict[tuple, int]:
        found: dict[tuple, int] = {}
        for pk, name in Organisation.objects.values_list("pk", "name").order_by("pk"):
            found.setdefault((normalize_name(name),), pk)
        return found

    def prepare(self, records: list[Organisation]) -> None:
        unique_slugs(records, {(None, slug) for slug in Organisation.objects.values_list("slug")})
        for organisation in records:
            organisation.search_text = search_document(organisation.name, organisation.acronym)


class PersonImport(ImportKind):
    """A person and the position they hold at a local government or an organisation. A
    person is the same as a recorded one with the same e-mail, or without an e-mail, the
    same first and last names."""

    key = "people"
    label = gettext_lazy("People (contacts)")
    model = Person
    columns = (
        Column("first_name", gettext_lazy("First name"), ("prenom", "prenoms"), required=True),
        Column(
            "last_name",
            gettext_lazy("Last name"),
            ("nom", "nom de famille", "name", "surname"),
            required=True,
        ),
        Column("email", gettext_lazy("E-mail"), ("email", "courriel", "mail", "adresse e mail")),
        Column(
            "phone",
            gettext_lazy("Phone"),
            ("telephone", "tel", "portable", "mobile", "numero", "whatsapp"),
        ),
        Column(
            "role",
            gettext_lazy("Role"),
            ("fonction", "role", "qualite"),
            parse=choice_parser(PositionRole),
        ),
        Column("title", gettext_lazy("Title"), ("intitule du poste", "poste", "titre")),
        Column(
            "local_government",
            gettext_lazy("Local government"),
            ("commune", "collectivite", "mairie"),
            resolve=LOCAL,
        ),
        Column(
            "organisation",
            gettext_lazy("Organisation"),
            ("structure", "association", "organisme"),
            resolve=ORGANISATION,
        ),
        Column(
            "start_date",
            gettext_lazy("Since"),
            ("depuis", "date de prise de fonction"),
            parse=parse_date,
        ),
    )
    scalar_fields = ("first_name", "last_name", "email", "phone")
    dependents = ("positions",)
    example = {
        "first_name": "Afi",
        "last_name": "MENSAH",
        "email": "afi.mensah@exemple.tg",
        "phone": "+228 90 00 00 00",
        "role": "Point focal coopération",
        "title": "",
        "local_government": "Kloto 1",
        "organisation": "",
        "start_date": "2021",
    }
    POSITION = ("role", "title", "local_government", "organisation", "start_date")

    def complete(self, values: dict) -> list[str]:
        values["email"] = values.get("email", "").lower()
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                return [_("“%(value)s” is not an e-mail address.") % {"value": values["email"]}]
        bodies = [values.get("local_government"), values.get("organisation")]
        if all(body is None for body in bodies):
            return [_("Give the local government or the organisation the person works for.")]
        if all(body is not None for body in bodies):
            return [_("Give a local government or an organisation, not both.")]
        return []

    def key_of(self, values: dict) -> tuple:
        if values.get("email"):
            return ("email", values["email"])
        return ("name", normalize_text(values["first_name"]), normalize_text(values["last_name"]))

    def existing(self) -> dict[tuple, int]:
        found: dict[tuple, int] = {}
        for pk, first, last, email in Person.objects.values_list(
            "pk", "first_name", "last_name", "email"
        ).order_by("pk"):
            if email:
                found.setdefault(("email", email.lower()), pk)
            found.setdefault(("name", normalize_text(first), normalize_text(last)), pk)
        return found

    @staticmethod
    def _position(person: Person, values: dict) -> Position:
        return Position(
            person=person,
            role=values.get("role", PositionRole.OTHER),
            title=values.get("title", ""),
            area_id=pk_of(values.get("local_government")),
            organisation_id=pk_of(values.get("organisation")),
            start_date=values.get("start_date"),
        )

    @staticmethod
    def _holds(person: Person, values: dict) -> bool:
        """Whether the person holds the row's position already (that role, if the row
        gives one, at that body)."""
        wanted = PersonImport._position(person, values)
        return any(
            (p.area_id, p.organisation_id) == (wanted.area_id, wanted.organisation_id)
            and ("role" not in values or p.role == wanted.role)
            for p in person.positions.all()
        )

    def changed(self, record: Person, values: dict) -> bool:
        return super().changed(record, values) or not self._holds(record, values)

    def write(self, record: Person, values: dict) -> None:
        super().write(record, values)
        if not self._holds(record, values):
            self._position(record, values).save()

    def create_many(self, rows: list[dict]) -> list[Person]:
        people = super().create_many(rows)
        Position.objects.bulk_create(
            [self._position(person, values) for person, values in zip(people, rows, strict=True)],
            batch_size=1000,
        )
        return people

    def parts(self, records: list[Person]) -> list:
        return list(Position.objects.filter(person__in=records))
