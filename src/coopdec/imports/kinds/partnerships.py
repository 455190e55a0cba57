"""Partnerships, and finding the partnership a project or a funding line belongs to."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.partnerships import services
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership, StatusChange

from ..values import PartialDate, parse_partial_date
from .base import ABROAD, HOME, ORGANISATION, Column, ImportKind, choice_parser, pk_of

LOCAL_GOVERNMENT = Column(
    "local_government",
    gettext_lazy("Commune or region"),
    (
        "commune",
        "collectivite togolaise",
        "commune togolaise",
        "ville togolaise",
        "collectivite du togo",
        "partenaire togolais",
        "region",
        "togolese commune",
        "ville",
    ),
    required=True,
    resolve=HOME,
)


def partners_column(required: bool) -> Column:
    return Column(
        "partner_governments",
        gettext_lazy("Partner local governments"),
        (
            "partenaires",
            "partenaire",
            "collectivite partenaire",
            "collectivites partenaires",
            "collectivite francaise",
            "collectivites francaises",
            "commune francaise",
            "collectivite etrangere",
            "partner",
            "partners",
            "partner local government",
        ),
        required=required,
        resolve=ABROAD,
        many=True,
    )


def partner_sets() -> dict[int, dict[int, frozenset[int]]]:
    """For each commune or region, its partnerships' partners abroad (two narrow queries,
    whatever the number of partnerships)."""
    partners = defaultdict(set)
    links = Partnership.partner_governments.through.objects.values_list("partnership_id", "area_id")
    for partnership_id, area_id in links.iterator(5000):
        partners[partnership_id].add(area_id)
    found: dict[int, dict[int, frozenset[int]]] = defaultdict(dict)
    for pk, local_government in Partnership.objects.values_list("pk", "local_government_id"):
        found[local_government][pk] = frozenset(partners[pk])
    return found


class PartnershipImport(ImportKind):
    key = "partnerships"
    label = gettext_lazy("Partnerships")
    model = Partnership
    columns = (
        LOCAL_GOVERNMENT,
        partners_column(required=True),
        Column(
            "supporting_organisations",
            gettext_lazy("Supporting organisations"),
            ("association", "associations", "comite de jumelage", "ong", "organisations"),
            resolve=ORGANISATION,
            many=True,
        ),
        Column(
            "kind",
            gettext_lazy("Kind"),
            ("type", "nature", "type de partenariat", "type de lien", "nature du lien", "kind"),
            parse=choice_parser(PartnershipKind, "partnership_kind"),
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            ("statut", "etat", "situation", "status"),
            parse=choice_parser(PartnershipStatus, "partnership_status"),
        ),
        Column(
            "status_since",
            gettext_lazy("Status since"),
            ("statut depuis", "date du statut", "etat depuis", "date de fin", "fin", "termine en"),
            parse=parse_partial_date,
        ),
        Column(
            "first_contact_date",
            gettext_lazy("First contact"),
            ("premier contact", "date du premier contact", "debut", "depuis"),
            parse=parse_partial_date,
        ),
        Column(
            "signature_date",
            gettext_lazy("Signed on"),
            (
                "date de signature",
                "signature",
                "signe le",
                "date de la convention",
                "annee de signature",
                "annee",
            ),
            parse=parse_partial_date,
        ),
        Column(
            "themes",
            gettext_lazy("Themes"),
            ("thematiques", "domaines", "secteurs"),
            parse="parse_themes",
        ),
        Column("name", gettext_lazy("Name"), ("nom", "intitule", "nom du partenariat")),
        Column(
            "description",
            gettext_lazy("Description"),
            ("observations", "commentaires", "remarques", "notes"),
        ),
    )
    # No defaults: a kind or status the file does not give is unknown, and shown so.
    scalar_fields = (
        "local_government",
        "kind",
        "status",
        "status_since",
        "status_since_precision",
        "first_contact_date",
        "first_contact_precision",
        "signature_date",
        "signature_precision",
        "name",
        "description",
    )
    many_fields = ("partner_governments", "supporting_organisations", "themes")
    # Records the application adds beside a partnership when it is saved; undo removes
    # those the import added.
    dependents = ("status_changes",)
    example = {
        "local_government": "KPALIME",
        "partner_governments": "Commune de Bressuire (79)",
        "supporting_organisations": "Comité de jumelage Bressuire-Kpalimé",
        "kind": "Jumelage",
        "status": "Actif",
        "first_contact_date": "mars 1998",
        "signature_date": "12/03/2001",
        "themes": "Eau et assainissement",
        "description": "",
    }

    def complete(self, values: dict) -> list[str]:
        """Each date read with its precision: "2007" stays a year."""
        for name, precision in Partnership.PRECISIONS.items():
            partial = values.get(name)
            if isinstance(partial, PartialDate):
                values[name], values[precision] = partial.date, partial.precision
        return []

    def key_of(self, values: dict) -> tuple:
        """Same commune or region, same partners abroad."""
        return (
            pk_of(values["local_government"]),
            frozenset(pk_of(area) for area in values["partner_governments"]),
        )

    def existing(self) -> dict[tuple, int]:
        return {
            (local_government, partners): pk
            for local_government, partnerships in partner_sets().items()
            for pk, partners in partnerships.items()
        }

    def write(self, record: Partnership, values: dict) -> None:
        record.published = True
        services.write_partnership(
            record,
            {
                name: values[name]
                for name in (*self.scalar_fields, *self.many_fields)
                if name in values
            },
        )

    def create_many(self, rows: list[dict]) -> list[Partnership]:
        """New partnerships in bulk, each as the application saves one: default name,
        search words, first status in the history."""
        partnerships = []
        for values in rows:
            partnerships.append(
                services.build_partnership(
                    partners=values["partner_governments"],
                    organisations=values.get("supporting_organisations", []),
                    published=True,
                    **{name: values[name] for name in self.scalar_fields if name in values},
                )
            )
        return services.insert_partnerships(
            partnerships,
            {name: [values.get(name, []) for values in rows] for name in self.many_fields},
        )

    def parts(self, records: list[Partnership]) -> list:
        return list(StatusChange.objects.filter(partnership__in=records))


class PartnershipFinder:
    """The partnership a row speaks of: its commune or region, and its partners abroad
    when the commune has several partnerships."""

    def __init__(self, kind: ImportKind) -> None:
        self.kind = kind

    def find(self, values: dict) -> tuple[int | None, str]:
        """(partnership id, "") or (None, why not)."""
        options = self.kind.reference("partnerships", partner_sets).get(
            pk_of(values["local_government"]), {}
        )
        given = frozenset(pk_of(area) for area in values.get("partner_governments") or [])
        if given:
            matches = [pk for pk, partners in options.items() if partners == given] or [
                pk for pk, partners in options.items() if given <= partners
            ]
        else:
            matches = list(options)
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, (
                _("No partnership of this commune with these partners: import it first.")
                if given
                else _("This commune has no partnership yet: import it first.")
            )
        return None, _(
            "This commune has %(count)d partnerships: say which with the partners column."
        ) % {"count": len(matches)}
