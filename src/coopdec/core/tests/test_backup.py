"""`coopdec backup` then `coopdec restore` into an empty database of the engine the suite
runs on (SQLite, then PostgreSQL in CI): the same rows in every table and the same files;
a restore into a database that is not empty, or from a damaged archive, is refused and
changes nothing. The commands run as an operator runs them, in their own processes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

COOPDEC = str(Path(sys.executable).parent / "coopdec")


def run(*arguments: str, database: str, data: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coopdec.settings.embedded",
        "DATABASE_URL": database,
        "COOPDEC_DATA_DIR": str(data),
    }
    return subprocess.run(  # noqa: S603 — our own command
        [COOPDEC, *arguments], env=env, capture_output=True, text=True, timeout=300
    )


class Engine:
    """Empty databases of the engine under test, and their rows counted by the engine's own
    client (not by the code under test)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.vendor = connection.vendor
        self.created: list[str] = []
        settings = connection.settings_dict
        self.server = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}"
        )

    def new(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / uuid.uuid4().hex}.sqlite3"
        name = f"restore_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return f"{self.server}/{name}"

    def counts(self, url: str) -> dict[str, int]:
        if self.vendor == "sqlite":
            path = url.removeprefix("sqlite:///")
            if not Path(path).exists():
                return {}
            with sqlite3.connect(path) as db:
                tables = [
                    row[0]
                    for row in db.execute(
                        "SELECT name FROM sqlite_master WHERE type IN ('table') "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                count = 'SELECT COUNT(*) FROM "{}"'  # noqa: S608 — names from the catalogue
                return {t: db.execute(count.format(t)).fetchone()[0] for t in tables}
        with psycopg.connect(url) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            ]
            count = 'SELECT COUNT(*) FROM "{}"'  # noqa: S608 — names from the catalogue
            return {t: db.execute(count.format(t)).fetchall()[0][0] for t in tables}

    def drop(self) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as server:
            for name in self.created:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def engine(tmp_path):
    found = Engine(tmp_path)
    yield found
    if found.vendor == "postgresql":
        found.drop()


def checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_a_backup_restores_every_row_and_file_and_refuses_what_it_cannot_trust(engine, tmp_path):
    source, source_data = engine.new(), tmp_path / "source"
    assert run("migrate", "-v0", database=source, data=source_data).returncode == 0
    assert run("load_reference", database=source, data=source_data).returncode == 0
    documents = source_data / "media" / "documents" / "2026" / "12"
    documents.mkdir(parents=True)
    (documents / "convention.pdf").write_bytes(b"%PDF-1.4 convention signee\n" * 50)
    (documents / "photo.png").write_bytes(bytes(range(256)) * 10)
    archive = tmp_path / "coopdec.tar.gz"

    done = run("backup", "--output", str(archive), database=source, data=source_data)
    assert done.returncode == 0, done.stderr
    target, target_data = engine.new(), tmp_path / "target"
    done = run("restore", str(archive), database=target, data=target_data)
    assert done.returncode == 0, done.stderr
    assert "Restauré et vérifié" in done.stdout  # the operator is told, in French

    expected = engine.counts(source)
    assert sum(expected.values()) > 1000  # the reference data, at least
    assert engine.counts(target) == expected
    assert checksums(target_data / "media") == checksums(source_data / "media")
    assert len(checksums(target_data / "media")) == 2

    # Into a database that is not empty: refused, nothing changed.
    again = run("restore", str(archive), database=target, data=tmp_path / "other")
    assert again.returncode != 0 and "n’est pas vide" in again.stderr
    assert engine.counts(target) == expected

    # From a truncated archive: refused before anything is written.
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    empty, empty_data = engine.new(), tmp_path / "empty"
    damaged = run("restore", str(truncated), database=empty, data=empty_data)
    assert damaged.returncode != 0 and "incomplète ou endommagée" in damaged.stderr
    assert engine.counts(empty) == {}
    assert not (empty_data / "media").exists()
