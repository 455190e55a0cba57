"""Reference territories: countries, currencies, administrative levels and areas.

Areas come from ``fixtures/areas/<COUNTRY>.csv``, one file a country, parents before
children. Adding a country's file is all it takes to serve another federation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from coopdec.core.reference import LoadReport, read_csv, upsert

from .models import AdminLevel, Area, AreaAlias, Country, Currency

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None


def load(report: LoadReport) -> None:
    countries = {}
    for row in read_csv(FIXTURES / "countries.csv"):
        countries[row["code"]] = upsert(
            Country,
            report,
            lookup={"code": row["code"]},
            values={key: row[key] for key in ("code3", "numeric", "name_fr", "name_en")},
        )
    for row in read_csv(FIXTURES / "currencies.csv"):
        upsert(
            Currency,
            report,
            lookup={"code": row["code"]},
            values={
                "numeric": row["numeric"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "units_per_euro": _decimal(row["units_per_euro"]),
                "rate_is_fixed": row["rate_is_fixed"] == "1",
                "rate_date": date.fromisoformat(row["rate_date"]) if row["rate_date"] else None,
            },
        )
    levels = {}
    for row in read_csv(FIXTURES / "levels.csv"):
        country = countries[row["country"]]
        levels[(row["country"], row["code"])] = upsert(
            AdminLevel,
            report,
            lookup={"country": country, "code": row["code"]},
            values={
                "depth": int(row["depth"]),
                "kind": row["kind"],
                "is_local_government": row["is_local_government"] == "1",
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
            },
        )
    for path in sorted((FIXTURES / "areas").glob("*.csv")):
        _load_areas(path.stem.upper(), path, countries, levels, report)


def _load_areas(code: str, path: Path, countries: dict, levels: dict, report: LoadReport) -> None:
    country = countries[code]
    loaded: dict[tuple[str, str], Area] = {}
    for row in read_csv(path):
        level = levels[(code, row["level"])]
        parent = loaded[(row["parent_level"], row["parent_slug"])] if row["parent_level"] else None
        area = upsert(
            Area,
            report,
            lookup={"country": country, "level": level, "slug": row["slug"]},
            values={
                "name": row["name"],
                "parent": parent,
                "official_code": row["official_code"],
                "seat_town": row["seat_town"],
                "latitude": _decimal(row["latitude"]),
                "longitude": _decimal(row["longitude"]),
            },
        )
        loaded[(row["level"], row["slug"])] = area
        aliases = [item.split(":", 1) for item in row["aliases"].split("|") if item]
        for kind, name in aliases:
            upsert(AreaAlias, report, lookup={"area": area, "name": name}, values={"kind": kind})
