"""Local governments abroad (French communes, departments, intercommunalities…), so that
partner lists find them; the federation's own communes are reference data."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.text import normalize_name, normalize_text
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import AdminLevel, Area

from ..values import parse_web_address
from .base import Column, ImportKind, clean_name, text_parser, unique_slugs, whole_number

# Leading words of a name that tell the level of a local government abroad.
_LEVEL_WORDS = [
    (re.compile(r"^(cc|ca|cu|communaute|metropole)\b"), LevelKind.INTERCOMMUNALITY),
    (re.compile(r"^(conseil regional|region)\b"), LevelKind.REGION),
    (re.compile(r"^(conseil departemental|conseil general|departement)\b"), LevelKind.INTERMEDIATE),
]


def country_column() -> Column:
    return Column(
        "country", gettext_lazy("Country"), ("pays",), required=True, parse="parse_country"
    )


class LocalGovernmentImport(ImportKind):
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
        country_column(),
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
        Column(
            "website",
            gettext_lazy("Website"),
            ("site", "site internet", "site web"),
            parse=parse_web_address,
        ),
    )
    scalar_fields = (
        "country",
        "level",
        "name",
        "official_code",
        "seat_town",
        "population",
        "website",
    )
    example = {
        "name": "Commune de Bressuire (79)",
        "country": "France",
        "level": "",
        "official_code": "79049",
        "seat_town": "",
        "population": "19 000",
        "website": "https://www.ville-bressuire.fr",
    }

    def complete(self, values: dict) -> list[str]:
        """The level, from the level column or the name's first words; the country must be
        another than the federation's."""
        country = values.get("country")
        if country is None:
            return []
        if country.code == settings.COOPDEC_HOME_COUNTRY:
            return [_("The communes of %(country)s are reference data.") % {"country": country}]
        levels = self.reference(
            f"levels-{country.pk}",
            lambda: list(AdminLevel.objects.filter(country=country, is_local_government=True)),
        )
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

    def key_of(self, values: dict) -> tuple:
        return (values["country"].pk, values["level"].pk, normalize_name(values["name"]))

    def existing(self) -> dict[tuple, int]:
        rows = Area.objects.foreign_local_governments().values_list(
            "country_id", "level_id", "name_key", "pk"
        )
        return {(country, level, key): pk for country, level, key, pk in rows.iterator(5000)}

    def prepare(self, records: list[Area]) -> None:
        taken = set(
            Area.objects.filter(level__in={area.level_id for area in records}).values_list(
                "level_id", "slug"
            )
        )
        unique_slugs(records, taken, scope=lambda area: area.level_id, fallback="collectivite")
        for area in records:
            area.refresh_search_text()
