"""Reference territories: countries, currencies, administrative levels and areas.

Areas come from one file a country, parents before children, with any number of levels
(``levels.csv`` names them): those in ``fixtures/areas/`` are loaded every time (the
federation's own country), those in ``fixtures/countries/`` on demand
(``coopdec load_reference --country FR``: France's 35,000 communes are not needed by every
installation), and any other file given with ``--file``. Adding a country's file is all it
takes to serve another federation.

Areas are written in bulk — tens of thousands of rows in seconds — and only when a value
differs, so that loading twice changes nothing.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from coopdec.core import versions
from coopdec.core.reference import LoadReport, read_csv, upsert
from coopdec.core.text import normalize_name, search_document

from .models import AdminLevel, Area, AreaAlias, Country, Currency
from .signals import areas_moved

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COUNTRY_FILES = FIXTURES / "countries"
# The columns of a country's file; ``aliases`` and ``member_of`` hold "kind:name" or
# "level:slug" items separated by "|".
COLUMNS = [
    "level",
    "slug",
    "name",
    "parent_level",
    "parent_slug",
    "official_code",
    "seat_town",
    "latitude",
    "longitude",
    "population",
    "aliases",
    "member_of",
]
BATCH = 2000


class ReferenceFileError(ValueError):
    """A country's file that cannot be loaded; the message says where and why."""


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None


def load(report: LoadReport, *, countries: Sequence[str] = (), files: Sequence[Path] = ()) -> None:
    """Every country's levels and the default areas; then the areas of ``countries`` (from
    ``fixtures/countries/``) and of ``files`` (each named ``<COUNTRY>.csv[.gz]``)."""
    known = {}
    for row in read_csv(FIXTURES / "countries.csv"):
        known[row["code"]] = upsert(
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
        levels[(row["country"], row["code"])] = upsert(
            AdminLevel,
            report,
            lookup={"country": known[row["country"]], "code": row["code"]},
            values={
                "depth": int(row["depth"]),
                "kind": row["kind"],
                "is_local_government": row["is_local_government"] == "1",
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
            },
        )
    paths = sorted((FIXTURES / "areas").glob("*.csv"))
    for code in countries:
        found = sorted(COUNTRY_FILES.glob(f"{code.upper()}.csv*"))
        if not found:
            raise ReferenceFileError(f"{code}: no reference file for this country")
        paths += found
    for path in [*paths, *files]:
        code = path.name.split(".")[0].upper()
        if code not in known:
            raise ReferenceFileError(f"{path.name}: {code} is not a country code")
        country_levels = {slug: level for (c, slug), level in levels.items() if c == code}
        load_areas(known[code], country_levels, _rows(path), report)


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return [{column: (row.get(column) or "").strip() for column in COLUMNS} for row in rows]


def _items(cell: str) -> list[tuple[str, str]]:
    return [tuple(item.split(":", 1)) for item in cell.split("|") if ":" in item]  # type: ignore[misc]


def load_areas(
    country: Country, levels: dict[str, AdminLevel], rows: list[dict[str, str]], report
) -> None:
    """Write ``rows`` (parents before children) as ``country``'s areas, in bulk: new ones
    created, changed ones updated, the others left alone; then their other names and the
    groups they are members of. Nothing is deleted."""
    existing = {
        (area.level_id, area.slug): area
        for area in Area.objects.filter(country=country).only(
            *[name.removesuffix("_id") for name in _FIELDS], "level", "slug"
        )
    }
    by_key: dict[tuple[str, str], Area] = {}
    new: list[Area] = []
    changed: list[Area] = []
    moved: list[Area] = []  # their parent changed
    for number, row in enumerate(rows, 2):
        level = levels.get(row["level"])
        if level is None:
            raise ReferenceFileError(
                f"line {number}: {row['level']!r} is not a level of {country.code}"
            )
        parent = None
        if row["parent_level"]:
            parent = by_key.get((row["parent_level"], row["parent_slug"]))
            if parent is None:
                raise ReferenceFileError(
                    f"line {number}: its parent {row['parent_level']}:{row['parent_slug']} "
                    "does not come before it"
                )
            if parent.pk is None:  # written first: its child needs its key
                _create(new, report)
                new = []
        values = _values(row, parent)
        area = existing.get((level.pk, row["slug"]))
        if area is None:
            area = Area(country=country, level=level, slug=row["slug"], **values)
            new.append(area)
        elif any(getattr(area, name) != value for name, value in values.items()):
            if area.parent_id != values["parent_id"]:
                moved.append(area)
            for name, value in values.items():
                setattr(area, name, value)
            changed.append(area)
        else:
            report.record(Area, "unchanged")
        by_key[(row["level"], row["slug"])] = area
    _create(new, report)
    fields = [name.removesuffix("_id") for name in _FIELDS]
    Area.objects.bulk_update(changed, fields, batch_size=BATCH)
    if changed:
        versions.bump()  # written in bulk: no signal tells the cached figures and counts
    if moved:
        areas_moved.send(Area, areas=moved)
    report.update({"territories.Area:updated": len(changed)} if changed else {})
    _aliases(rows, by_key, report)
    _memberships(rows, by_key, report)


_FIELDS = [
    "name",
    "parent_id",
    "official_code",
    "seat_town",
    "latitude",
    "longitude",
    "population",
    "name_key",
    "search_text",
]


def _values(row: dict[str, str], parent: Area | None) -> dict:
    aliases = [name for _kind, name in _items(row["aliases"])]
    return {
        "name": row["name"],
        "parent_id": parent.pk if parent is not None else None,
        "official_code": row["official_code"],
        "seat_town": row["seat_town"],
        "latitude": _decimal(row["latitude"]),
        "longitude": _decimal(row["longitude"]),
        "population": int(row["population"]) if row["population"] else None,
        "name_key": normalize_name(row["name"]),
        "search_text": search_document(
            row["name"], row["seat_town"], row["official_code"], *aliases
        ),
    }


def _create(areas: list[Area], report) -> None:
    Area.objects.bulk_create(areas, batch_size=BATCH)
    if areas:
        versions.bump()
    report.update({"territories.Area:created": len(areas)} if areas else {})


def _aliases(rows: list[dict[str, str]], by_key: dict, report) -> None:
    wanted = {
        (by_key[(row["level"], row["slug"])].pk, normalize_name(name)): (kind, name)
        for row in rows
        for kind, name in _items(row["aliases"])
    }
    areas = {area_id for area_id, _key in wanted}
    have = (
        set(AreaAlias.objects.filter(area_id__in=areas).values_list("area_id", "normalized"))
        if wanted
        else set()
    )
    missing = [
        AreaAlias(area_id=area_id, name=name, kind=kind, normalized=key)
        for (area_id, key), (kind, name) in wanted.items()
        if (area_id, key) not in have
    ]
    AreaAlias.objects.bulk_create(missing, batch_size=BATCH)
    report.update({"territories.AreaAlias:created": len(missing)} if missing else {})


def _memberships(rows: list[dict[str, str]], by_key: dict, report) -> None:
    """Communes in their intercommunality (a group beside the tree of parents)."""
    through = Area.member_of.through
    wanted = set()
    for number, row in enumerate(rows, 2):
        for level, slug in _items(row["member_of"]):
            group = by_key.get((level, slug))
            if group is None:
                raise ReferenceFileError(f"line {number}: no {level}:{slug} in the file")
            wanted.add((by_key[(row["level"], row["slug"])].pk, group.pk))
    if not wanted:
        return
    members = {member for member, _group in wanted}
    have = set(
        through.objects.filter(from_area_id__in=members).values_list("from_area_id", "to_area_id")
    )
    missing = [through(from_area_id=m, to_area_id=g) for m, g in wanted - have]
    through.objects.bulk_create(missing, batch_size=BATCH)
    report.update({"territories.Area.member_of:created": len(missing)} if missing else {})
