"""Rebuild France's reference file from the official geographic code as Etalab publishes
it in the npm package ``@etalab/decoupage-administratif`` (see ``FRANCE_SOURCE``):

    npm pack @etalab/decoupage-administratif@6.0.0
    tar xzf etalab-decoupage-administratif-6.0.0.tgz
    coopdec build_reference_fr package/data

The file written (``territories/fixtures/countries/FR.csv.gz``) is the project's own
fixture, loaded on demand by ``coopdec load_reference --country FR``; the package itself is
never needed at run time.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from coopdec.territories.reference import COLUMNS, COUNTRY_FILES

FRANCE_SOURCE = "@etalab/decoupage-administratif 6.0.0 (npm)"
# The kinds of intercommunality, as the source writes them (EPCI à fiscalité propre).
EPCI_KINDS = {"CC", "CA", "CU", "METRO", "MET69"}


class Command(BaseCommand):
    help = "Rebuild France's reference file from @etalab/decoupage-administratif's data folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("data", type=Path, help="the package's data/ folder")
        parser.add_argument("--output", type=Path, default=COUNTRY_FILES / "FR.csv.gz")

    def handle(self, *args, data: Path, output: Path, **options) -> None:
        try:
            read = {
                name: json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
                for name in ("regions", "departements", "communes", "epci")
            }
        except (OSError, ValueError) as error:
            raise CommandError(f"{data}: {error}") from error
        try:
            rows = build_rows(read)
        except (KeyError, TypeError) as error:  # another shape than the package's
            raise CommandError(f"{data}: not the data of {FRANCE_SOURCE} ({error!r})") from error
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        # A fixed timestamp: the same data gives the same file, byte for byte.
        with gzip.GzipFile(output, "wb", mtime=0) as handle:
            handle.write(buffer.getvalue().encode("utf-8"))
        self.stdout.write(f"{output}: {len(rows)} areas from {FRANCE_SOURCE}")


def build_rows(read: dict) -> list[dict]:
    """Regions, departments, intercommunalities and communes, parents first; former
    communes as former names of the commune they joined."""
    current = [c for c in read["communes"] if c["type"] == "commune-actuelle"]
    names = {c["code"]: c["nom"] for c in current}
    slugs = {c["code"]: f"{slugify(c['nom'])}-{c['code'].lower()}" for c in current}
    department_of = {c["code"]: c.get("departement", "") for c in current}
    department_slugs = {d["code"]: slugify(d["nom"]) for d in read["departements"]}
    rows = []
    for region in read["regions"]:
        rows.append(
            _row(
                "region",
                slugify(region["nom"]),
                region["nom"],
                official_code=region["code"],
                seat_town=names.get(region.get("chefLieu", ""), ""),
            )
        )
    region_slugs = {r["code"]: slugify(r["nom"]) for r in read["regions"]}
    for department in read["departements"]:
        rows.append(
            _row(
                "departement",
                department_slugs[department["code"]],
                department["nom"],
                parent=("region", region_slugs.get(department.get("region", ""), "")),
                official_code=department["code"],
                seat_town=names.get(department.get("chefLieu", ""), ""),
            )
        )
    member_of: dict[str, list[str]] = {}
    epci_slugs: set[str] = set()
    for epci in read["epci"]:
        if epci.get("type") not in EPCI_KINDS:
            continue
        slug = slugify(epci["nom"])
        if slug in epci_slugs:
            slug = f"{slug}-{epci['code']}"
        epci_slugs.add(slug)
        members = [m["code"] for m in epci.get("membres", []) if m.get("code") in slugs]
        # Its department: its first member's (an intercommunality may straddle two).
        department = department_of[members[0]] if members else ""
        rows.append(
            _row(
                "intercommunalite",
                slug,
                epci["nom"],
                parent=("departement", department_slugs.get(department, "")),
                official_code=epci["code"],  # its SIREN number
                population=epci.get("populationTotale"),
            )
        )
        for member in members:
            member_of.setdefault(member, []).append(f"intercommunalite:{slug}")
    former: dict[str, list[str]] = {}
    for commune in read["communes"]:
        if commune["type"] in ("commune-deleguee", "commune-associee") and commune.get("chefLieu"):
            former.setdefault(commune["chefLieu"], []).append(commune["nom"])
    for commune in current:
        code = commune["code"]
        aliases = sorted({n for n in former.get(code, []) if n != commune["nom"]})
        rows.append(
            _row(
                "commune",
                slugs[code],
                commune["nom"],
                parent=("departement", department_slugs.get(commune.get("departement", ""), "")),
                official_code=code,
                population=commune.get("population"),
                aliases="|".join(f"former_name:{name}" for name in aliases),
                member_of="|".join(member_of.get(code, [])),
            )
        )
    return rows


def _row(level, slug, name, *, parent=None, population=None, **values) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(level=level, slug=slug, name=name, **values)
    if parent and parent[1]:
        row["parent_level"], row["parent_slug"] = parent
    if population is not None:
        row["population"] = str(population)
    return row
