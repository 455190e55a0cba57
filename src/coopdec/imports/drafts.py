"""A draft import between the upload and the commit: its check (the preview as the page
shows it) and its commit. Short files are handled within the request; longer ones by the
background worker, which reports its progress on the draft so the user can leave and
come back."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.core.typography import labelled, listed

from . import pipeline
from .kinds import KINDS
from .models import ImportRun, Work
from .readers import FileRefused, Table, read_table

# The progress shown while the checked rows are written (the check counts up to it).
WRITING = 90
# Rows of the preview kept for the page; the totals count every row.
SHOWN_ROWS = 200


def create(kind, name: str, content: bytes, table: Table, author=None, saved=None) -> ImportRun:
    """A new draft import of a file already read (``table``), with the columns of a saved
    mapping (``saved``) or those its headers suggest."""
    run = ImportRun(
        kind=kind.key,
        file_name=name[:255],
        sheet=table.sheet,
        state=ImportRun.State.DRAFT,
        author=author,
        mapping=pipeline.reuse_mapping(kind, saved.mapping if saved else {}, table.header),
        summary={"rows": len(table.rows)},
    )
    run.file.save(name, ContentFile(content), save=False)
    run.save()
    return run


def mapping_key(mapping: dict) -> str:
    """What the check depends on besides the file: a stored check for another mapping is
    stale."""
    return hashlib.sha256(json.dumps(mapping, sort_keys=True).encode()).hexdigest()[:16]


def in_background(run: ImportRun) -> bool:
    return run.summary.get("rows", 0) > settings.COOPDEC_IMPORT_BACKGROUND_ROWS


def read(run: ImportRun) -> Table:
    try:
        with run.file.open("rb") as handle:
            return read_table(handle, sheet=run.sheet or None)
    except OSError as error:
        raise FileRefused(_("The uploaded file is no longer there: upload it again.")) from error


def _preview(run: ImportRun, table: Table, progress=None) -> pipeline.Preview:
    mapping = run.mapping
    return pipeline.preview(
        KINDS[run.kind],
        table,
        mapping.get("columns", {}),
        mapping.get("choices", {}),
        mapping.get("new_country"),
        progress=progress,
        always=mapping.get("always"),
        create_all=bool(mapping.get("create_all")),
        words=mapping.get("words"),
    )


def check(run: ImportRun, progress=None) -> dict:
    """The preview of the draft as its page shows it (plain data, so that the worker can
    store it): totals, the first rows, the names to pick, or why there is no preview."""
    table = read(run)
    outcome = {
        "key": mapping_key(run.mapping),
        "header": table.header,
        "header_row": table.header_row,
        "rows_count": len(table.rows),
        "problem": "",
        "summary": None,
        "clean": False,
        "rows": [],
        "picks": [],
        "unused_columns": [],
        "cells_beyond": [],
        "words": [],
    }
    try:
        preview = _preview(run, table, progress)
    except pipeline.ImportRefused as error:
        outcome["problem"] = str(error)
        return outcome
    picks: dict[tuple[str, str], list] = {}
    seen_in: dict[tuple[str, str], str] = {}
    cells = dict(table.rows)
    words: dict[tuple[str, str], list] = {}
    for row in preview.rows:
        for key, meanings in row.words.items():
            words.setdefault(key, [list(meaning) for meaning in meanings])
        for key, candidates in row.options.items():
            picks.setdefault(key, [list(candidate) for candidate in candidates])
            seen_in.setdefault(key, _row_text(table.header, row.row, cells.get(row.row, [])))
    outcome.update(
        summary=preview.summary,
        clean=preview.clean,
        rows=[row.as_report() for row in _shown(preview.rows)],
        picks=[
            [field, text, options, seen_in.get((field, text), "")]
            for (field, text), options in picks.items()
        ],
        words=[[field, word, options] for (field, word), options in words.items()],
        unused_columns=preview.unused_columns,
        cells_beyond=preview.cells_beyond,
    )
    return outcome


def _row_text(header: list[str], number: int, cells: list) -> str:
    """The row a name was found on, as the person sees it in the file: "Row 12: Commune:
    ANIE; Partner: Coulon (79)…" — to pick knowing what the row says."""
    said = listed(
        labelled(title, cell)
        for title, cell in zip(header, cells, strict=False)
        if str(cell or "").strip()
    )
    return _("Row %(row)d: %(cells)s") % {"row": number, "cells": said}


def _shown(rows: list[pipeline.RowResult]) -> list[pipeline.RowResult]:
    """The rows with a problem first (up to SHOWN_ROWS), then the first others, in file
    order: what needs the user's eye is never cut off."""
    problems = [row for row in rows if row.status in (pipeline.ERROR, pipeline.UNRESOLVED)]
    shown = {row.row for row in problems[:SHOWN_ROWS]}
    for row in rows:
        if len(shown) >= SHOWN_ROWS:
            break
        shown.add(row.row)
    return [row for row in rows if row.row in shown]


def stored_check(run: ImportRun) -> dict | None:
    """The worker's check of this draft, if it was made for the draft's current mapping."""
    if run.outcome.get("key") == mapping_key(run.mapping):
        return run.outcome
    return None


def commit(run: ImportRun, author=None, progress=None) -> dict:
    """Check the file again and import it, all or nothing; the totals."""
    preview = _preview(run, read(run), progress)
    if not preview.clean:
        raise pipeline.ImportRefused(
            _("Some rows have errors or names to pick: nothing was imported.")
        )
    if progress is not None:
        progress(WRITING)  # the rows are checked; they are written in one transaction
    pipeline.commit(preview, author=author, run=run)
    return preview.summary


def start(run: ImportRun, work: str, author=None, language: str = "") -> bool:
    """Hand the draft to the background worker; False if it is already at work on it."""
    claimed = ImportRun.objects.filter(pk=run.pk, working="").update(
        working=work, progress=0, failure="", lease_until=None, restarts=0
    )
    if not claimed:
        return False
    _enqueue(run.pk, work, author.pk if author else None, language, attempt=0)
    return True


def _enqueue(run_id: int, work: str, author_id: int | None, language: str, attempt: int) -> None:
    from . import tasks  # here: the task module imports this one

    task = tasks.check_draft if work == Work.CHECKING else tasks.commit_draft
    task.enqueue(run_id, author_id, language, attempt)


def lease() -> timedelta:
    return timedelta(seconds=settings.COOPDEC_IMPORT_LEASE_SECONDS)


def _mine(run_id: int, attempt: int):
    """The draft, while this attempt at the work is the current one."""
    return ImportRun.objects.filter(pk=run_id, restarts=attempt).exclude(working="")


@contextmanager
def holding(run_id: int, attempt: int) -> Iterator[bool]:
    """The worker's lease on the draft, renewed from a thread while the work runs (the
    commit writes everything in one transaction, with no progress to report meanwhile).
    Yields False when this attempt is no longer the current one: the work was taken up
    again by another worker, or finished."""
    if not _mine(run_id, attempt).update(lease_until=timezone.now() + lease()):
        yield False
        return
    done = threading.Event()

    def renew() -> None:
        try:
            while not done.wait(max(lease().total_seconds() / 4, 1)):
                with suppress(DatabaseError):  # busy for a moment: the next beat renews
                    _mine(run_id, attempt).update(lease_until=timezone.now() + lease())
        finally:
            connections.close_all()  # this thread's own connection

    beat = threading.Thread(target=renew, name=f"import-{run_id}-lease", daemon=True)
    beat.start()
    try:
        yield True
    finally:
        done.set()
        beat.join()


def stalled(run: ImportRun) -> bool:
    """At work, yet the worker holding it gave no sign of life within its lease: it died
    (killed, restarted, the machine rebooted)."""
    return bool(run.working and run.lease_until and run.lease_until < timezone.now())


def take_up(run: ImportRun) -> bool:
    """Start a stalled draft's work again from the start, once whoever notices it first
    (the page, the scheduler); nothing was written by the worker that died: the commit is
    one transaction. False if it is not stalled (any more)."""
    now = timezone.now()
    attempt = run.restarts + 1
    claimed = ImportRun.objects.filter(
        pk=run.pk, working=run.working, restarts=run.restarts, lease_until__lt=now
    ).update(restarts=attempt, lease_until=None, progress=0)
    if not claimed:
        return False
    author = run.author
    language = getattr(author, "language", "") or settings.LANGUAGE_CODE
    _enqueue(run.pk, run.working, run.author_id, language, attempt)
    run.refresh_from_db()
    return True


def take_up_stalled(now=None) -> int:
    """The scheduler's part: every stalled draft is taken up again; how many were."""
    stale = ImportRun.objects.exclude(working="").filter(lease_until__lt=now or timezone.now())
    return sum(take_up(run) for run in stale.select_related("author"))


def reporter(run_id: int, attempt: int = 0):
    def report(percent: int) -> None:
        _mine(run_id, attempt).update(progress=percent)

    return report


def finish(run_id: int, attempt: int = 0, **fields) -> None:
    _mine(run_id, attempt).update(working="", lease_until=None, **fields)
