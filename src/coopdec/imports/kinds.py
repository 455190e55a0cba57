"""What can be imported: for each kind of record, its columns (with the French and English
headers people give them), how each cell is read, and how a row becomes a record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.text import normalize_name, normalize_text
from coopdec.directory.models import Organisation
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Partnership
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
    def home_answer(area: Area) -> bool:
        return area.level.kind in (LevelKind.MUNICIPALITY, LevelKind.REGION)

    @staticmethod
    def key_of(values: dict) -> tuple:
        """What makes two rows, or a row and a record, the same partnership: same commune
        or region, same partners abroad."""
        return (
            values["local_government"].pk,
            frozenset(area.pk for area in values["partner_governments"]),
        )

    @classmethod
    def existing(cls) -> dict[tuple, Partnership]:
        """Every partnership by its key, read once for a whole file."""
        partnerships = Partnership.objects.prefetch_related(
            "partner_governments", "supporting_organisations", "themes"
        ).select_related("local_government")
        return {
            cls.key_of(
                {
                    "local_government": partnership.local_government,
                    "partner_governments": partnership.partner_governments.all(),
                }
            ): partnership
            for partnership in partnerships
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
