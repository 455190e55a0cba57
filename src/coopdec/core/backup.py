"""One archive holds everything coopdec keeps: the database (SQLite through its online
backup API, so while the site runs; PostgreSQL through ``pg_dump`` in its custom format)
and the uploaded files, with a manifest of row counts per table and checksums. A restore
goes into an empty database of the configured engine and checks it all again.

This module knows no domain: it reads tables and files, whatever they hold."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

FORMAT = 1
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass
class Report:
    tables: int
    rows: int
    files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts(using: str = "default") -> dict[str, int]:
    """Rows in every table of the database."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def _pg_environment(using: str) -> tuple[list[str], dict[str, str]]:
    """``pg_dump``/``pg_restore`` connection arguments, the password in the environment."""
    database = settings.DATABASES[using]
    arguments = [f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        arguments.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        arguments.append(f"--port={database['PORT']}")
    if database.get("USER"):
        arguments.append(f"--username={database['USER']}")
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _dump_database(target: Path, using: str) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        arguments, environment = _pg_environment(using)
        done = subprocess.run(  # noqa: S603 — the configured database, no shell
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
            + arguments,
            env=environment,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": done.stderr.strip()})
    else:
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))


def create(output: Path, *, using: str = "default") -> Report:
    """Write the archive ``output``. Reads only: the site may keep running."""
    vendor = connections[using].vendor
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE_MEMBER.get(vendor, "database")
        counts = row_counts(using)
        _dump_database(dump, using)
        root = _media_root()
        files = {path.relative_to(root).as_posix(): _sha256(path) for path in _media_files()}
        manifest = {
            "format": FORMAT,
            "engine": vendor,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"member": dump.name, "sha256": _sha256(dump)},
            "tables": counts,
            "media": files,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name in files:
                archive.add(root / name, arcname=f"media/{name}")
        partial.replace(output)  # never a half-written archive under the final name
    return Report(len(counts), sum(counts.values()), len(files))


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupError(_("This is not a coopdec backup: it has no manifest.")) from None
    if member is None:
        raise BackupError(_("This is not a coopdec backup: it has no manifest."))
    try:
        manifest = json.load(member)
    except ValueError:
        raise BackupError(_("The backup's manifest is damaged.")) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was written by another version of coopdec."))
    return manifest


def _is_empty(using: str) -> bool:
    connection = connections[using]
    if connection.vendor == "sqlite":
        name = str(settings.DATABASES[using]["NAME"])
        if not Path(name).exists():
            return True
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(archive_path: Path, *, using: str = "default") -> Report:
    """Restore ``archive_path`` into the configured database, which must be empty, and the
    uploaded files, whose folder must be empty too; then check the row counts and the
    checksums. Nothing is written before the whole archive was read and checked."""
    media = _media_root()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                manifest = _checked(archive, work, using)
        except (OSError, tarfile.TarError, EOFError) as error:
            raise BackupError(
                _("The archive is incomplete or damaged (%(error)s): nothing was restored.")
                % {"error": error}
            ) from None
        _load_database(work / manifest["database"]["member"], using)
        if (work / "media").exists():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(work / "media", media, dirs_exist_ok=True)
    counts = row_counts(using)
    if counts != manifest["tables"]:
        differ = sorted(
            table
            for table in set(counts) | set(manifest["tables"])
            if counts.get(table) != manifest["tables"].get(table)
        )
        raise BackupError(
            _("Restored, but the row counts differ from the backup's in: %(tables)s.")
            % {"tables": ", ".join(differ)}
        )
    for name, checksum in manifest["media"].items():
        if _sha256(media / name) != checksum:
            raise BackupError(_("Restored, but %(name)s differs from the backup.") % {"name": name})
    return Report(len(counts), sum(counts.values()), len(manifest["media"]))


def _checked(archive: tarfile.TarFile, work: Path, using: str) -> dict:
    """The manifest, once the target is found empty and every member of the archive was
    extracted to ``work`` and matched its checksum."""
    connection = connections[using]
    manifest = _read_manifest(archive)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            _("This backup is of a %(archive)s database; the configured one is %(here)s.")
            % {"archive": manifest["engine"], "here": connection.vendor}
        )
    if not _is_empty(using):
        raise BackupError(
            _("The configured database is not empty: restore only into a new, empty one.")
        )
    media = _media_root()
    if media.exists() and any(media.iterdir()):
        raise BackupError(
            _("The folder of uploaded files (%(folder)s) is not empty.") % {"folder": media}
        )
    for member in archive.getmembers():
        if not _safe_name(member.name) or not (member.isfile() or member.isdir()):
            raise BackupError(
                _("The archive holds an unexpected entry: %(name)s.") % {"name": member.name}
            )
    archive.extractall(work, filter="data")
    dump = work / manifest["database"]["member"]
    if not dump.is_file() or _sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError(_("The database in the archive does not match its checksum."))
    for name, checksum in manifest["media"].items():
        path = work / "media" / name
        if not _safe_name(name) or not path.is_file() or _sha256(path) != checksum:
            raise BackupError(
                _("The file %(name)s in the archive does not match its checksum.") % {"name": name}
            )
    return manifest


def _load_database(dump: Path, using: str) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        target = Path(str(settings.DATABASES[using]["NAME"]))
        connection.close()
        for leftover in (
            target.with_name(target.name + "-wal"),
            target.with_name(target.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = target.with_name(target.name + ".restoring")
        shutil.copyfile(dump, copy)
        copy.replace(target)
        return
    arguments, environment = _pg_environment(using)
    connection.close()
    done = subprocess.run(  # noqa: S603 — the configured database, no shell
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        + arguments
        + [str(dump)],
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise BackupError(_("pg_restore failed: %(error)s") % {"error": done.stderr.strip()})
