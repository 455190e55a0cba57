"""``coopdec import <kind> FILE``: the import pipeline for batch use."""

import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import FileRefused, read_table


class Command(BaseCommand):
    help = _(
        "Import a spreadsheet (CSV, XLSX, ODS). Exits 0 when the file would import (or did) "
        "cleanly, 1 otherwise; nothing is written unless every row is clean."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--mapping",
            type=Path,
            help=_(
                'A JSON file: {"columns": {"header": "field"}, "choices": {"field": '
                '{"name in the file": record id or "new"}}, "always": {"field": ["name in the '
                'file"]}, "create_all": true, "new_country": "FR"}. A pick holds for this file; '
                'a name listed in "always" is remembered as the place\'s other name; with '
                '"create_all", every partner or organisation nothing recorded bears is created. '
                "Without it, the suggested columns are used."
            ),
        )
        parser.add_argument("--sheet", help=_("The sheet to read (the first one by default)."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check and report, write nothing.")
        )
        parser.add_argument(
            "--report", type=Path, help=_("Write the row-by-row report to this JSON file.")
        )

    def handle(self, *args, kind, file, mapping, sheet, dry_run, report, **options) -> None:
        importer = KINDS[kind]
        if not file.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        try:
            with file.open("rb") as handle:
                table = read_table(File(handle, name=file.name), sheet=sheet)
        except FileRefused as error:
            raise CommandError(str(error)) from error
        columns, choices, new_country, always, create_all, words = self._mapping(mapping)
        suggested = columns is None
        if suggested:
            columns = pipeline.suggest_mapping(importer, table.header)
        try:
            preview = pipeline.preview(
                importer,
                table,
                columns or {},
                choices,
                new_country,
                always=always,
                create_all=create_all,
                words=words,
            )
        except pipeline.ImportRefused as error:
            raise CommandError(str(error)) from error
        result = preview.report(suggested=suggested)
        if report:
            report.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        summary = preview.summary
        self.stdout.write(
            _(
                "%(rows)d rows: %(new)d new, %(update)d to update, %(unchanged)d unchanged, "
                "%(error)d with errors, %(unresolved)d with names to pick."
            )
            % summary
        )
        # Nothing is dropped without a word: what the file holds and is not imported.
        if preview.unused_columns:
            self.stdout.write(
                _("Columns not imported: %(columns)s.")
                % {
                    "columns": ", ".join(
                        pgettext("quoted", "“%(text)s”") % {"text": title}
                        for title in preview.unused_columns
                    )
                }
            )
        if preview.cells_beyond:
            self.stdout.write(
                _("Cells beyond the last titled column, not imported, on rows: %(rows)s.")
                % {"rows": ", ".join(str(row) for row in preview.cells_beyond)}
            )
        if not preview.clean:
            for row in preview.rows:
                for message in row.messages:
                    self.stderr.write(
                        _("Row %(row)d: %(message)s") % {"row": row.row, "message": message}
                    )
            raise CommandError(_("Nothing was imported."), returncode=1)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        run = pipeline.commit(preview, file_name=file.name)
        self.stdout.write(
            self.style.SUCCESS(_("Imported (import #%(number)d).") % {"number": run.pk})
        )

    @staticmethod
    def _mapping(path: Path | None) -> tuple[dict | None, dict, str | None, dict, bool, dict]:
        if path is None:
            return None, {}, None, {}, False, {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(
                _("The mapping file cannot be read as JSON: %(error)s") % {"error": error}
            ) from error
        if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
            raise CommandError(_('The mapping file must hold {"columns": {...}}.'))
        return (
            data.get("columns"),
            data.get("choices") or {},
            data.get("new_country"),
            data.get("always") or {},
            bool(data.get("create_all")),
            data.get("words") or {},
        )
