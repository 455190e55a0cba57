"""The import scenario: a partnership spreadsheet of ``Scale.import_rows`` rows, made from
the data set's own names, read, previewed, committed and undone.

Times are taken in this process; the peak memory of a whole import is that of a separate
``coopdec import`` process (read from the operating system when it ends), so that it
counts nothing the benchmark itself holds. The raw time to only read the file is the base
of the ratios. Every import is undone, leaving the data set as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import connection
from django.db.models import Count
from openpyxl import Workbook

from coopdec.core.reference import load_all
from coopdec.imports import pipeline
from coopdec.imports.kinds import ABROAD, KINDS
from coopdec.imports.models import ImportRun
from coopdec.imports.readers import read_table
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area
from coopdec.territories.resolve import Resolver

HEADER = ["Commune", "Collectivité partenaire", "Type", "Statut", "Date de signature"]


def _unique_names(areas) -> list[str]:
    """Names that only one area of ``areas`` bears (others would rightly stay unresolved)."""
    single = areas.values("name_key").annotate(n=Count("pk")).filter(n=1).values("name_key")
    return list(areas.filter(name_key__in=single).order_by("pk").values_list("name", flat=True))


def spreadsheet(rows: int, folder: Path) -> Path:
    home = Area.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY)
    taken = set(home.values_list("name_key", flat=True))
    communes = [name for name in _unique_names(Area.objects.communes()) if name.lower() != name]
    # Names the import resolves with certainty (another area's seat town or former name
    # would rightly leave one unresolved once France's reference data is loaded).
    resolver = Resolver(KINDS["partnerships"].scope(ABROAD))
    partners = [
        name
        for name in _unique_names(Area.objects.foreign_local_governments())
        # (a comma would split the cell into a list of two names)
        if name.lower() not in taken and "," not in name and resolver.resolve(name).resolved
    ]
    existing = set(
        Partnership.objects.values_list("local_government__name", "partner_governments__name")
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Partenariats")
    sheet.append(HEADER)
    written, index = 0, 0
    while written < rows:
        commune = communes[index % len(communes)]
        partner = partners[(index * 7919) % len(partners)]
        index += 1
        if (commune, partner) in existing:
            continue
        existing.add((commune, partner))
        sheet.append(
            [
                commune,
                partner,
                "Jumelage",
                "Actif",
                f"{1 + index % 28}/0{1 + index % 9}/20{10 + index % 15}",
            ]
        )
        written += 1
    path = folder / "partenariats.xlsx"
    workbook.save(path)
    return path


def _read(path: Path):
    with path.open("rb") as handle:
        return read_table(File(handle, name=path.name))


def _seconds(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run(rows: int) -> dict:
    kind = KINDS["partnerships"]
    with tempfile.TemporaryDirectory() as folder:
        path = spreadsheet(rows, Path(folder))
        size = path.stat().st_size
        raw = min(_seconds(lambda: _read(path))[0] for _ in range(3))
        table = _read(path)
        mapping = pipeline.suggest_mapping(kind, table.header)
        preview_s, preview = _seconds(lambda: pipeline.preview(kind, _read(path), mapping))
        if not preview.clean:
            problems = [row.messages for row in preview.rows if row.messages][:3]
            raise RuntimeError(
                f"the benchmark file does not import cleanly: {preview.summary} {problems}"
            )
        commit_s, done = _seconds(lambda: pipeline.commit(preview, file_name=path.name))
        undo_s, _ = _seconds(lambda: pipeline.undo(done))
        process_s, peak_mb = _separate_import(path)
    return {
        "rows": rows,
        "file_kb": round(size / 1024),
        "read_s": round(raw, 3),
        "preview_s": round(preview_s, 3),
        "commit_s": round(commit_s, 3),
        "undo_s": round(undo_s, 3),
        "preview_ratio": round(preview_s / raw, 1),
        "commit_ratio": round(commit_s / raw, 1),
        "command_s": None if process_s is None else round(process_s, 2),
        "command_peak_mb": peak_mb,
        "target_s": 10,
        "target_mb": 300,
        "target_met": preview_s <= 10 and commit_s <= 10 and (peak_mb or 0) < 300,
    }


def load_reference(country: str) -> dict:
    """``coopdec load_reference --country COUNTRY`` in its own process: wall time, peak
    memory and the areas it added (a second run on the same database adds none)."""
    before = Area.objects.count()
    if connection.in_atomic_block:  # in a test's transaction, which another process cannot see
        start = time.perf_counter()
        load_all(countries=[country])
        seconds, peak_mb = time.perf_counter() - start, None
    else:
        seconds, peak_mb = command_peak(["load_reference", "--country", country])
    total = Area.objects.count()
    return {
        "country": country,
        "seconds": round(seconds, 2),
        "peak_mb": peak_mb,
        "added": total - before,
        "total": total,
    }


def _separate_import(path: Path) -> tuple[float | None, int | None]:
    """``coopdec import`` in its own process: its wall time and peak memory (MB); its
    import is then undone here. Not measured inside a transaction (as in the tests), which
    another process cannot see."""
    if connection.in_atomic_block:
        return None, None
    before = set(ImportRun.objects.values_list("pk", flat=True))
    seconds, peak_mb = command_peak(["import", "partnerships", str(path)])
    for run in ImportRun.objects.exclude(pk__in=before):
        pipeline.undo(run)
    return seconds, peak_mb


def command_peak(arguments: list[str]) -> tuple[float, int | None]:
    """Run ``coopdec ARGUMENTS`` in a separate process: its wall time and its own peak
    resident memory in MB (None where the system does not tell); see ``coopdec.bench.peak``."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "peak"
        start = time.perf_counter()
        process = subprocess.run(  # noqa: S603 — our own command, no shell
            [sys.executable, "-m", "coopdec.bench.peak", str(report), *arguments],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
            check=False,
        )
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            raise RuntimeError(f"coopdec {arguments[0]} failed: {process.stderr.decode()[-500:]}")
        peak_kb = report.read_text(encoding="ascii")
    return seconds, round(int(peak_kb) / 1024) if peak_kb else None
