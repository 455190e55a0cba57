"""Migration operations shared by the domain apps."""

from __future__ import annotations

from django.db import migrations


def trigram_index(table: str, column: str = "search_text") -> migrations.RunPython:
    """On PostgreSQL, a trigram index serving the search's ``LIKE '% word%'`` tests, so that
    a search reads the index instead of every row. SQLite has no such index; the search
    works the same there, scanning.

    pg_trgm is a trusted extension: the owner of the database may create it."""
    name = f"{table}_{column}_trgm"

    def create(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)


def sqlite_full_text(table: str, column: str = "search_text") -> migrations.RunPython:
    """On SQLite, a full-text index (FTS5) of the search text, kept up to date by triggers,
    so that a search reads the index instead of every row (``SearchableQuerySet.search``);
    PostgreSQL has its trigram index instead.

    The index holds no copy of the text (``content=``): it points to the table's rows."""
    index = f"{table}_fts"
    statements = [
        f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content='{table}', content_rowid='id')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {index}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]

    def create(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    def drop(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for trigger in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {index}")

    return migrations.RunPython(create, drop, elidable=False)


def sqlite_full_text_again(table: str, column: str = "search_text") -> migrations.RunPython:
    """The full-text index made anew, after an operation that rebuilt the table on SQLite
    (adding a column with a default does: the triggers are lost with the old table)."""
    index = sqlite_full_text(table, column)

    drop, create = index.reverse_code, index.code

    def again(apps, schema_editor) -> None:
        if drop is not None:
            drop(apps, schema_editor)
        create(apps, schema_editor)

    return migrations.RunPython(again, migrations.RunPython.noop, elidable=False)
