"""Volunteers' missions, one a row: the volunteer (found by e-mail, or without one by name,
else created), the scheme, who sends and who hosts, the programme served and the dates.
Personal data: only the federation imports them. A mission already recorded (the same
volunteer, scheme and start) is left as it is: it is changed on its page. Each new mission
gets its follow-up waves, as one typed in; undoing the import removes them with it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.dates import DatePrecision, parse_partial_date
from coopdec.core.text import normalize_name, normalize_text
from coopdec.programmes.models import Programme
from coopdec.volunteers import services
from coopdec.volunteers.enums import Gender, Scheme
from coopdec.volunteers.models import Invitation, Mission, Volunteer

from .base import LOCAL, ORGANISATION, Column, ImportKind, choice_parser, pk_of, whole_number

VOLUNTEER_FIELDS = ("name", "email", "phone", "gender", "birth_year", "nationality")


def full_date(value) -> date | None:
    """A mission's date: the day must be known (a month or a year alone would be a date
    made up)."""
    partial = parse_partial_date(value)
    if partial is None:
        return None
    if partial.precision != DatePrecision.DAY:
        raise ValueError(
            _("“%(value)s”: give the day, the month and the year of the mission's date.")
            % {"value": value}
        )
    return partial.date


class MissionImport(ImportKind):
    key = "missions"
    label = gettext_lazy("Volunteers' missions")
    model = Mission
    columns = (
        Column(
            "name",
            gettext_lazy("Volunteer"),
            ("volontaire", "nom", "nom et prenom", "prenom et nom", "nom du volontaire"),
            required=True,
        ),
        Column("email", gettext_lazy("E-mail"), ("email", "courriel", "mail")),
        Column("phone", gettext_lazy("Phone"), ("telephone", "tel", "portable", "whatsapp")),
        Column(
            "gender",
            gettext_lazy("Gender"),
            ("genre", "sexe", "f h", "h f"),
            parse=choice_parser(Gender, "gender"),
        ),
        Column(
            "birth_year",
            gettext_lazy("Year of birth"),
            ("annee de naissance", "ne en", "naissance"),
            parse=whole_number,
        ),
        Column("nationality", gettext_lazy("Nationality"), ("nationalite",), parse="parse_country"),
        Column(
            "scheme",
            gettext_lazy("Scheme"),
            ("dispositif", "type de volontariat", "statut", "programme de volontariat"),
            required=True,
            parse=choice_parser(Scheme, "scheme"),
        ),
        Column(
            "sending_organisation",
            gettext_lazy("Sending organisation"),
            ("structure d envoi", "organisme d envoi", "envoye par"),
            resolve=ORGANISATION,
        ),
        Column(
            "host_government",
            gettext_lazy("Host commune or local government"),
            ("commune d accueil", "collectivite d accueil", "accueil", "commune"),
            resolve=LOCAL,
        ),
        Column(
            "host_organisation",
            gettext_lazy("Host organisation"),
            ("structure d accueil", "organisation d accueil"),
            resolve=ORGANISATION,
        ),
        Column("place", gettext_lazy("Place"), ("lieu", "ville", "localite")),
        Column(
            "programme",
            gettext_lazy("Programme"),
            ("programme", "projet de volontariat"),
            parse="parse_programme",
        ),
        Column(
            "planned_start",
            gettext_lazy("Planned start"),
            ("debut prevu", "date de depart", "depart"),
            parse=full_date,
        ),
        Column(
            "planned_end",
            gettext_lazy("Planned end"),
            ("fin prevue", "date de retour", "retour"),
            parse=full_date,
        ),
        Column("actual_start", gettext_lazy("Actual start"), ("debut reel",), parse=full_date),
        Column("actual_end", gettext_lazy("Actual end"), ("fin reelle",), parse=full_date),
        Column("description", gettext_lazy("Description"), ("mission", "objet", "notes")),
    )
    scalar_fields = (
        "scheme",
        "sending_organisation",
        "host_government",
        "host_organisation",
        "place",
        "programme",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "description",
    )
    example = {
        "name": "Akouvi LAWSON",
        "email": "akouvi.lawson@exemple.tg",
        "phone": "+228 90 00 00 00",
        "gender": "Femme",
        "birth_year": "1999",
        "nationality": "Togo",
        "scheme": "Volontariat de réciprocité",
        "sending_organisation": "Comité de jumelage Bressuire-Kpalimé",
        "host_government": "Bressuire",
        "host_organisation": "",
        "place": "Bressuire",
        "programme": "",
        "planned_start": "01/09/2026",
        "planned_end": "30/06/2027",
        "actual_start": "",
        "actual_end": "",
        "description": "Appui au service jeunesse",
    }

    def __init__(self) -> None:
        super().__init__()
        self._new_volunteers: list[Volunteer] = []

    def parse_programme(self, value) -> Programme | None:
        text = normalize_name(str(value or ""))
        if not text:
            return None
        known = self.reference(
            "programmes",
            lambda: {
                normalize_name(name): pk
                for pk, name in Programme.objects.published().values_list("pk", "name")
            },
        )
        if text not in known:
            raise ValueError(_("“%(value)s” is not a validated programme.") % {"value": value})
        return Programme.objects.get(pk=known[text])

    def complete(self, values: dict) -> list[str]:
        problems = []
        values["email"] = values.get("email", "").lower()
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(
                    _("“%(value)s” is not an e-mail address.") % {"value": values["email"]}
                )
        if values.get("host_government") is not None and values.get("host_organisation"):
            problems.append(_("One host only: a local government or an organisation, not both."))
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if values.get(start) and values.get(end) and values[end] < values[start]:
                problems.append(_("The mission ends before it starts."))
        return problems

    @staticmethod
    def volunteer_key(email: str, name: str) -> tuple:
        return ("email", email.lower()) if email else ("name", normalize_text(name))

    def key_of(self, values: dict) -> tuple:
        start = values.get("actual_start") or values.get("planned_start")
        return (
            *self.volunteer_key(values.get("email", ""), values["name"]),
            values["scheme"],
            start.isoformat() if start else "",
        )

    def existing(self) -> dict[tuple, int]:
        found: dict[tuple, int] = {}
        rows = Mission.objects.values_list(
            "pk", "volunteer__email", "volunteer__name", "scheme", "actual_start", "planned_start"
        ).order_by("pk")
        for pk, email, name, scheme, actual, planned in rows:
            start = actual or planned
            for key in {self.volunteer_key(email, name), self.volunteer_key("", name)}:
                found.setdefault((*key, scheme, start.isoformat() if start else ""), pk)
        return found

    def changed(self, record: Mission, values: dict) -> bool:
        return False  # a mission already recorded is changed on its page, not by a file

    def create_many(self, rows: list[dict]) -> list[Mission]:
        """The volunteers missing first (once each, however many rows name them), then the
        missions and their follow-up waves."""
        people: dict[tuple, Volunteer] = {}
        for volunteer in Volunteer.objects.filter(erased_at__isnull=True).order_by("pk"):
            people.setdefault(self.volunteer_key(volunteer.email, volunteer.name), volunteer)
            people.setdefault(self.volunteer_key("", volunteer.name), volunteer)
        missions = []
        for values in rows:
            key = self.volunteer_key(values.get("email", ""), values["name"])
            if key not in people:
                people[key] = services.write_volunteer(
                    Volunteer(),
                    {
                        "name": values["name"],
                        "email": values.get("email", ""),
                        "phone": values.get("phone", ""),
                        "gender": values.get("gender") or "",
                        "birth_year": values.get("birth_year"),
                        "nationality": values.get("nationality"),
                    },
                )
                self._new_volunteers.append(people[key])
            mission = self.build(values)
            mission.volunteer = people[key]
            for name in ("sending_organisation", "host_government", "host_organisation"):
                setattr(mission, f"{name}_id", pk_of(values.get(name)))
            missions.append(mission)
        created = Mission.objects.bulk_create(missions, batch_size=1000)
        for mission in created:
            services.plan(mission)
        return created

    def parts(self, records: list[Mission]) -> list:
        """The volunteers the file brought, and the waves of the new missions."""
        return [
            *self._new_volunteers,
            *Invitation.objects.filter(mission__in=[record.pk for record in records]),
        ]
