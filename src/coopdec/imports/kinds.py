"""What can be imported: for each kind of record, its columns (with the French and English
headers people give them), how each cell is read, and how a row becomes a record."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.accounts.models import User
from coopdec.core.text import normalize_name, normalize_text
from coopdec.directory.models import Organisation, Position
from coopdec.documents.models import Document
from coopdec.partnerships.enums import PartnershipKind, PartnershipStatus
from coopdec.partnerships.models import Event, Partnership, StatusChange
from coopdec.projects.models import FundingLine, Project
from coopdec.review.models import Revision
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import AdminLevel, Area, Country

from .values import parse_amount, parse_date, parse_list

HOME, ABROAD, ORGANISATION = "home", "abroad", "organisation"


def choice_parser(choices) -> Callable[[object], str | None]:
    """Reads a choice by its code or its French or English label, whatever the case."""
    names: dict[str, str] = {}

    def parse(value) -> str | None:
        text = normalize_text(str(value or ""))
        if not text:
            return None
        if not names:  # the labels in both languages, gathered on first use
            for code, label in choices.choices:
                names[normalize_text(code)] = code
                for language in ("fr", "en"):
                    with translation.override(language):
                        names[normalize_text(str(label))] = code
        if text in names:
            return names[text]
        allowed = ", ".join(str(label) for _code, label in choices.choices)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
        )

    return parse


def text_parser(value) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Column:
    field: str
    label: object
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[object], object] | str = text_parser
    # ``parse`` may name a method of the import kind instead: one that reads reference data
    # once per file.
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
            parse="parse_themes",
        ),
        Column("name", gettext_lazy("Name"), ("nom", "intitule", "nom du partenariat")),
        Column(
            "description",
            gettext_lazy("Description"),
            ("observations", "commentaires", "remarques", "notes"),
        ),
    )
    defaults = {"kind": PartnershipKind.AGREEMENT, "status": PartnershipStatus.ACTIVE}

    def __init__(self) -> None:
        # One import's reading of the reference data, filled on first use.
        self._themes: dict[str, Theme] = {}

    def parse_themes(self, value) -> list[Theme]:
        if not self._themes:
            for theme in Theme.objects.all():
                for name in (theme.name_fr, theme.name_en, theme.code):
                    self._themes[normalize_text(name)] = theme
        themes = []
        for item in parse_list(value):
            theme = self._themes.get(normalize_text(item))
            if theme is None:
                raise ValueError(_("“%(value)s” is not a known theme.") % {"value": item})
            themes.append(theme)
        return themes

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

    @staticmethod
    def in_use(keys: list[int]) -> int:
        """How many records others added since to these partnerships (events, projects,
        documents, proposals): undoing would delete them too."""
        return sum(
            model.objects.filter(partnership_id__in=keys).count()
            for model in (Event, Project, Document, Revision)
        )

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


def organisations_by_name() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for organisation in Organisation.objects.all():
        for name in (organisation.name, organisation.acronym):
            if name:
                found.setdefault(normalize_name(name), organisation)
    return found


# Leading words of a name that tell the level of a local government abroad.
_LEVEL_WORDS = [
    (re.compile(r"^(cc|ca|cu|communaute|metropole)\b"), LevelKind.INTERCOMMUNALITY),
    (re.compile(r"^(conseil regional|region)\b"), LevelKind.REGION),
    (re.compile(r"^(conseil departemental|conseil general|departement)\b"), LevelKind.INTERMEDIATE),
]
_LEADING = re.compile(
    r"^(?:commune|mairie|ville|municipalite)\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|de\s+|du\s+|d['’]\s*)",
    re.IGNORECASE,
)
_CODE_IN_PARENTHESES = re.compile(r"\s*\(\s*[0-9][0-9abAB]?[0-9]?\s*\)\s*")


def clean_name(text: str) -> str:
    """ "Commune de BRESSUIRE (79)" → "Bressuire": the name as the record should show it."""
    name = _CODE_IN_PARENTHESES.sub(" ", str(text)).strip()
    name = _LEADING.sub("", name).strip()
    if name.isupper():
        name = "-".join(" ".join(w.capitalize() for w in part.split()) for part in name.split("-"))
    return name


def whole_number(value) -> int | None:
    if value in (None, ""):
        return None
    amount = parse_amount(value)
    if amount is None:
        return None
    number, _currency = amount
    if number != number.to_integral_value() or number < 0:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


class LocalGovernmentImport:
    """Local governments abroad (French communes, departments, intercommunalities…), so
    that partner lists find them; the federation's own communes are reference data."""

    key = "local_governments"
    label = gettext_lazy("Local governments abroad")
    model = Area
    columns = (
        Column(
            "name",
            gettext_lazy("Name"),
            ("nom", "collectivite", "nom de la collectivite", "collectivite partenaire"),
            required=True,
            parse=lambda value: clean_name(text_parser(value)),
        ),
        Column("country", gettext_lazy("Country"), ("pays",), required=True, parse="parse_country"),
        Column("level", gettext_lazy("Level"), ("niveau", "echelon", "type de collectivite")),
        Column(
            "official_code",
            gettext_lazy("Official code"),
            ("code insee", "insee", "code officiel", "code"),
        ),
        Column("seat_town", gettext_lazy("Seat town"), ("chef lieu", "siege")),
        Column(
            "population",
            gettext_lazy("Population"),
            ("habitants", "nombre d habitants"),
            parse=whole_number,
        ),
        Column("website", gettext_lazy("Website"), ("site", "site internet", "site web")),
    )
    defaults: dict = {}
    scalar_fields = ("name", "official_code", "seat_town", "population", "website")
    many_fields: tuple = ()
    dependents: tuple = ()
    scope = staticmethod(PartnershipImport.scope)
    home_answer = staticmethod(PartnershipImport.home_answer)

    def __init__(self) -> None:
        # One import's reading of the reference data, filled on first use.
        self._countries: dict[str, Country] = {}
        self._levels: dict[int, list[AdminLevel]] = {}

    def parse_country(self, value) -> Country | None:
        text = normalize_text(str(value or ""))
        if not text:
            return None
        if not self._countries:
            for country in Country.objects.all():
                for name in (country.code, country.code3, country.name_fr, country.name_en):
                    self._countries[normalize_text(name)] = country
        if text not in self._countries:
            raise ValueError(_("“%(value)s” is not a known country.") % {"value": value})
        return self._countries[text]

    def complete(self, values: dict) -> list[str]:
        """The level, from the level column or the name's first words; the country must be
        another than the federation's."""
        country = values.get("country")
        if country is None:
            return []
        if country.code == settings.COOPDEC_HOME_COUNTRY:
            return [_("The communes of %(country)s are reference data.") % {"country": country}]
        if country.pk not in self._levels:
            self._levels[country.pk] = list(
                AdminLevel.objects.filter(country=country, is_local_government=True)
            )
        levels = self._levels[country.pk]
        wanted = normalize_text(str(values.pop("level", "") or ""))
        if wanted:
            for level in levels:
                if wanted in {
                    normalize_text(n) for n in (level.code, level.name_fr, level.name_en)
                }:
                    values["level"] = level
                    return []
            return [
                _("“%(value)s” is not a level of %(country)s.")
                % {"value": wanted, "country": country}
            ]
        kind = LevelKind.MUNICIPALITY
        name = normalize_name(values.get("name", ""))
        for pattern, level_kind in _LEVEL_WORDS:
            if pattern.match(name):
                kind = level_kind
        chosen = [level for level in levels if level.kind == kind] or [
            level for level in levels if level.kind == LevelKind.MUNICIPALITY
        ]
        if not chosen:
            return [_("%(country)s has no level of local government yet.") % {"country": country}]
        values["level"] = chosen[0]
        return []

    @staticmethod
    def key_of(values: dict) -> tuple:
        return (values["country"].pk, values["level"].pk, normalize_name(values["name"]))

    @staticmethod
    def in_use(keys: list[int]) -> int:
        """How many records point to these local governments since (partnerships, funding,
        projects, people's positions, organisations, accounts): undoing would cut them."""
        partners = Partnership.partner_governments.through.objects.filter(area_id__in=keys)
        return sum(
            queryset.count()
            for queryset in (
                partners,
                Partnership.objects.filter(local_government_id__in=keys),
                FundingLine.objects.filter(funder_government_id__in=keys),
                Project.areas.through.objects.filter(area_id__in=keys),
                Position.objects.filter(area_id__in=keys),
                Organisation.objects.filter(based_in_id__in=keys),
                User.local_governments.through.objects.filter(area_id__in=keys),
                Area.objects.filter(parent_id__in=keys),
            )
        )

    @staticmethod
    def existing() -> dict[tuple, int]:
        rows = Area.objects.foreign_local_governments().values_list(
            "country_id", "level_id", "name_key", "pk"
        )
        return {(country, level, key): pk for country, level, key, pk in rows.iterator(5000)}

    @staticmethod
    def _apply(area: Area, values: dict) -> None:
        area.country, area.level = values["country"], values["level"]
        for name in LocalGovernmentImport.scalar_fields:
            if name in values:
                setattr(area, name, values[name])

    @staticmethod
    def write(area: Area, values: dict) -> None:
        LocalGovernmentImport._apply(area, values)
        area.save()

    @staticmethod
    def create_many(rows: list[dict]) -> list[Area]:
        taken = set(
            Area.objects.filter(level__in={values["level"].pk for values in rows}).values_list(
                "level_id", "slug"
            )
        )
        areas = []
        for values in rows:
            area = Area()
            LocalGovernmentImport._apply(area, values)
            base = slugify(area.name)[:200] or "collectivite"
            slug, number = base, 1
            while (area.level_id, slug) in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add((area.level_id, slug))
            area.slug = slug
            area.refresh_search_text()
            areas.append(area)
        return Area.objects.bulk_create(areas, batch_size=1000)


KINDS = {kind.key: kind for kind in (PartnershipImport, LocalGovernmentImport)}
