"""What can be imported: for each kind of record, its columns (with the French and English
headers people give them), how each cell is read, and how a row becomes a record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.text import normalize_name, normalize_text
from coopdec.directory.models import Organisation
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership, StatusChange
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import Area

from .values import parse_date, parse_list

HOME, ABROAD, ORGANISATION = "home", "abroad", "organisation"


def choice_parser(choices) -> Callable[[object], str | None]:
    """Reads a choice by its code or its French or English label, whatever the case."""

    def parse(value) -> str | None:
        text = normalize_text(str(value or ""))
        if not text:
            return None
        for code, label in choices.choices:
            names = {normalize_text(code)}
            for language in ("fr", "en"):
                with translation.override(language):
                    names.add(normalize_text(str(label)))
            if text in names:
                return code
        allowed = ", ".join(str(label) for _code, label in choices.choices)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
        )

    return parse


def themes_parser(value) -> list[Theme]:
    themes = []
    by_name = {}
    for theme in Theme.objects.all():
        for name in (theme.name_fr, theme.name_en, theme.code):
            by_name[normalize_text(name)] = theme
    for item in parse_list(value):
        theme = by_name.get(normalize_text(item))
        if theme is None:
            raise ValueError(_("“%(value)s” is not a known theme.") % {"value": item})
        themes.append(theme)
    return themes


def text_parser(value) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Column:
    field: str
    label: object
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[object], object] = text_parser
    # Names to find among the reference data: HOME, ABROAD or ORGANISATION; ``many`` for a
    # list of them in one cell.
    resolve: str | None = None
    many: bool = False

    def names(self) -> set[str]:
        return {normalize_name(name) for name in (self.field, str(self.label), *self.synonyms)}


class PartnershipImport:
    key = "partnerships"
    label = gettext_lazy("Partnerships")
    model = Partnership
    columns = (
        Column(
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
                "commune or region",
                "togolese commune",
                "ville",
            ),
            required=True,
            resolve=HOME,
        ),
        Column(
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
            required=True,
            resolve=ABROAD,
            many=True,
        ),
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
            ("type", "nature", "type de partenariat", "kind"),
            parse=choice_parser(PartnershipKind),
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            ("statut", "etat", "situation", "status"),
            parse=choice_parser(PartnershipStatus),
        ),
        Column(
            "first_contact_date",
            gettext_lazy("First contact"),
            ("premier contact", "date du premier contact", "debut", "depuis"),
            parse=parse_date,
        ),
        Column(
            "signature_date",
            gettext_lazy("Signed on"),
            ("date de signature", "signature", "signe le", "date de la convention"),
            parse=parse_date,
        ),
        Column(
            "themes",
            gettext_lazy("Themes"),
            ("thematiques", "domaines", "secteurs"),
            parse=themes_parser,
        ),
        Column("name", gettext_lazy("Name"), ("nom", "intitule", "nom du partenariat")),
        Column(
            "description",
            gettext_lazy("Description"),
            ("observations", "commentaires", "remarques", "notes"),
        ),
    )
    defaults = {"kind": PartnershipKind.AGREEMENT, "status": PartnershipStatus.ACTIVE}

    @staticmethod
    def scope(resolve: str):
        if resolve == HOME:
            # Every area of the federation's country: a canton or prefecture proposes its
            # communes; the answers are communes and regions.
            return Area.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY)
        return Area.objects.foreign_local_governments()

    @staticmethod
    def home_answer(level_kind: str) -> bool:
        """Communes and regions enter partnerships; a prefecture or canton only points to
        its communes."""
        return level_kind in (LevelKind.MUNICIPALITY, LevelKind.REGION)

    @staticmethod
    def key_of(values: dict) -> tuple:
        """What makes two rows, or a row and a record, the same partnership: same commune
        or region, same partners abroad."""
        return (
            values["local_government"].pk,
            frozenset(area.pk for area in values["partner_governments"]),
        )

    @staticmethod
    def existing() -> dict[tuple, int]:
        """Every partnership's id by its key, read once for a whole file (two narrow
        queries, whatever the number of partnerships)."""
        partners = defaultdict(set)
        links = Partnership.partner_governments.through.objects.values_list(
            "partnership_id", "area_id"
        )
        for partnership_id, area_id in links.iterator(5000):
            partners[partnership_id].add(area_id)
        rows = Partnership.objects.values_list("pk", "local_government_id")
        return {
            (local_government, frozenset(partners[pk])): pk
            for pk, local_government in rows.iterator(5000)
        }

    @staticmethod
    def write(instance: Partnership, values: dict) -> None:
        """Save the row into ``instance`` the way the application saves a partnership."""
        for name in PartnershipImport.scalar_fields:
            if name in values:
                setattr(instance, name, values[name])
        instance.local_government = values["local_government"]
        instance.published = True
        instance.save()
        for name in PartnershipImport.many_fields:
            if name in values:
                getattr(instance, name).set(values[name])
        instance.after_save()

    @staticmethod
    def create_many(rows: list[dict]) -> list[Partnership]:
        """New partnerships in bulk, each as the application saves one: default name,
        search words, first status in the history. The import history, not an audit entry
        per record, says who imported them."""
        today = timezone.localdate()
        partnerships = []
        for values in rows:
            partnership = Partnership(
                local_government=values["local_government"],
                published=True,
                last_activity_on=today,
            )
            for name in PartnershipImport.scalar_fields:
                if name in values:
                    setattr(partnership, name, values[name])
            partnership.set_names(
                values["partner_governments"], values.get("supporting_organisations", [])
            )
            partnerships.append(partnership)
        Partnership.objects.bulk_create(partnerships, batch_size=1000)
        for name in PartnershipImport.many_fields:
            through = getattr(Partnership, name).through
            target = getattr(Partnership, name).field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [
                    through(partnership_id=partnership.pk, **{f"{target}_id": related.pk})
                    for partnership, values in zip(partnerships, rows, strict=True)
                    for related in values.get(name, [])
                ],
                batch_size=2000,
            )
        StatusChange.objects.bulk_create(
            [
                StatusChange(partnership=p, status=p.status, date=p.status_since)
                for p in partnerships
            ],
            batch_size=2000,
        )
        return partnerships

    scalar_fields = (
        "kind",
        "status",
        "first_contact_date",
        "signature_date",
        "name",
        "description",
    )
    many_fields = ("partner_governments", "supporting_organisations", "themes")
    # Records the application adds beside a partnership when it is saved; undo removes
    # those the import added.
    dependents = ("status_changes",)


KINDS = {kind.key: kind for kind in (PartnershipImport,)}


def organisations_by_name() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for organisation in Organisation.objects.all():
        for name in (organisation.name, organisation.acronym):
            if name:
                found.setdefault(normalize_name(name), organisation)
    return found
