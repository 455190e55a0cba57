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
