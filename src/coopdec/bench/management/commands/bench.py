import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.bench import dataset, documents, importing, measure
from coopdec.bench import load as loading


class Command(BaseCommand):
    help = _(
        "Fill the current database with a deterministic synthetic data set and time the main "
        "pages against their raw SQL. Use an empty database: it refuses one holding real data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(dataset.SCALES), default="small")
        parser.add_argument(
            "--rounds",
            type=int,
            default=3,
            help=_("How many times each address of each page is requested (default 3)."),
        )
        parser.add_argument(
            "--json", dest="json_path", type=Path, help=_("Also write the figures to this file.")
        )
        parser.add_argument(
            "--reference",
            action="append",
            default=[],
            metavar="COUNTRY",
            help=_(
                "Load this country's reference data (e.g. FR) in a separate process before the "
                "import, timing it; the import then resolves names among them too."
            ),
        )
        parser.add_argument(
            "--load",
            action="store_true",
            help=_(
                "Instead of timing pages one by one, load several server processes with "
                "concurrent clients (on the loopback) and report requests per second, "
                "percentiles and errors."
            ),
        )
        parser.add_argument("--clients", type=int, default=50, help=_("Clients (default 50)."))
        parser.add_argument(
            "--seconds", type=int, default=180, help=_("Load duration (default 180 s).")
        )
        parser.add_argument(
            "--servers", type=int, default=3, help=_("Server processes (default 3).")
        )
        parser.add_argument(
            "--fault",
            action="store_true",
            help=_(
                "During the load, kill a server process, and the background worker during a "
                "10,000-row background import; check nothing is lost or written twice."
            ),
        )
        parser.add_argument(
            "--skip-pages",
            action="store_true",
            help=_("Leave out the pages: only the reference data and the import."),
        )

    def handle(
        self,
        *args,
        scale: str,
        rounds: int,
        json_path: Path | None,
        reference: list[str],
        skip_pages: bool,
        load: bool = False,
        clients: int = 50,
        seconds: int = 180,
        servers: int = 3,
        fault: bool = False,
        **options,
    ) -> None:
        if rounds < 1:
            raise CommandError(_("--rounds must be 1 or more."))
        if min(clients, seconds, servers) < 1:
            raise CommandError(_("--clients, --seconds and --servers must be 1 or more."))
        if settings.DEBUG:
            raise CommandError(_("Run the benchmark with DEBUG off: DEBUG keeps every query."))
        wanted = dataset.SCALES[scale]
        call_command("migrate", interactive=False, verbosity=0)
        if settings.STATIC_ROOT:
            # Pages are rendered as in production, with the hashed static file names.
            call_command("collectstatic", interactive=False, verbosity=0)
        try:
            present = dataset.existing_scale()
        except dataset.BenchDataError as error:
            raise CommandError(
                _(
                    "This database holds cooperation data the benchmark did not create, or a "
                    "benchmark data set it no longer recognises. Point DATABASE_URL to an "
                    "empty database."
                )
            ) from error
        if present is None:
            self.stdout.write(_("Generating the %(scale)s data set…") % {"scale": scale})
            started = time.perf_counter()
            dataset.generate(wanted, progress=lambda message: self.stdout.write(f"  {message}"))
            self.stdout.write(
                _("Generated in %(seconds).0f s.") % {"seconds": time.perf_counter() - started}
            )
        elif present != wanted:
            raise CommandError(
                _("This database holds the benchmark data set of another scale; use another one.")
            )
        if connection.vendor == "postgresql":
            # What autovacuum does to a live database: statistics and visibility map.
            # (Inside a transaction, as in the tests, only the statistics can be taken.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        if load:
            self._load(scale, clients, seconds, servers, fault, json_path, wanted.import_rows)
            return
        results = (
            []
            if skip_pages
            else measure.run(rounds, progress=lambda message: self.stdout.write(f"  {message}"))
        )
        if results:
            self.stdout.write(self._table(results))
        loaded = [importing.load_reference(code.upper()) for code in reference]
        for figures in loaded:
            self.stdout.write(
                _(
                    "Reference data of %(country)s: %(added)d areas added (%(total)d in all) in "
                    "%(seconds)s s, peak memory %(peak_mb)s MB."
                )
                % figures
            )
        imported = importing.run(wanted.import_rows)
        self.stdout.write(
            _(
                "Import of %(rows)d partnerships: read %(read_s)s s, preview %(preview_s)s s, "
                "commit %(commit_s)s s, undo %(undo_s)s s; the whole command %(command_s)s s, "
                "peak memory %(command_peak_mb)s MB."
            )
            % imported
        )
        made = documents.run()
        self.stdout.write(
            _(
                "Monthly report: %(report_s)s s (its command %(report_command_s)s s, peak "
                "memory %(report_peak_mb)s MB); profile of %(commune)s: %(profile_s)s s (its "
                "command %(profile_command_s)s s, peak memory %(profile_peak_mb)s MB)."
            )
            % made
        )
        if json_path:
            json_path.write_text(
                self._report(scale, rounds, results, imported, loaded, made), encoding="utf-8"
            )
            self.stdout.write(_("Figures written to %(path)s.") % {"path": json_path})

    def _load(
        self,
        scale: str,
        clients: int,
        seconds: int,
        servers: int,
        fault: bool,
        json_path: Path | None,
        import_rows: int,
    ) -> None:
        figures = loading.run(
            import_rows=import_rows,
            clients=clients,
            seconds=seconds,
            servers=servers,
            fault=fault,
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        self.stdout.write(
            _(
                "%(requests_per_second)s requests per second; p50 %(p50_ms)s ms, p95 %(p95_ms)s "
                "ms, p99 %(p99_ms)s ms; %(errors)d errors, %(killed_requests)d requests to the "
                "killed server."
            )
            % figures
        )
        imported = figures["import_fault"]
        if imported:
            when = (
                _("while it wrote them")
                if imported["killed_while"] == "writing"
                else _("once it had finished (too fast to be caught)")
            )
            self.stdout.write(
                _(
                    "Background import of %(rows)d rows, its worker killed %(when)s and started "
                    "again: %(restarts)d restart(s), %(partnerships_imported)d partnerships "
                    "written, %(duplicated_pairs)d twice."
                )
                % {**imported, "when": when}
            )
            self.stdout.write(
                _("Written exactly once.")
                if imported["written_once"]
                else _("NOT written exactly once: see the JSON report.")
            )
        if json_path:
            json_path.write_text(
                json.dumps({**run_facts(scale), "load": figures}, indent=2),
                encoding="utf-8",
            )
            self.stdout.write(_("Figures written to %(path)s.") % {"path": json_path})

    @staticmethod
    def _table(results: list[measure.Result]) -> str:
        header = (
            f"{'page':<38} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8} "
            f"{'ratio':>6} {'queries':>7} {'target':>7}  met"
        )
        lines = [header, "-" * len(header)]
        for r in results:
            met = "yes" if r.target_met and r.ratio_met is not False else "NO"
            lines.append(
                f"{r.label:<38} {r.p50_ms:>8} {r.p95_ms:>8} {r.raw_p50_ms:>8} {r.raw_p95_ms:>8} "
                f"{r.ratio:>6} {r.queries:>7} {r.target_ms:>7.0f}  {met}"
            )
        return "\n".join(lines)

    @staticmethod
    def _report(
        scale: str,
        rounds: int,
        results: list[measure.Result],
        imported: dict,
        loaded: list,
        made: dict,
    ) -> str:
        return json.dumps(
            {
                **run_facts(scale),
                "rounds": rounds,
                "results": [result.as_dict() for result in results],
                "import": imported,
                "reference": loaded,
                "documents": made,
            },
            indent=2,
        )


def run_facts(scale: str) -> dict:
    """What a report says of the run: the data set, the database, the software, the machine."""
    return {
        "scale": scale,
        "database": connection.vendor,
        "database_version": database_version(),
        "counts": measure.counts(),
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
    }


def database_version() -> str:
    """The engine's version, as its driver reports it."""
    wrapper: Any = connection  # the engine-specific wrapper behind the proxy
    if connection.vendor == "sqlite":
        return ".".join(map(str, wrapper.Database.sqlite_version_info))
    return str(wrapper.pg_version)
