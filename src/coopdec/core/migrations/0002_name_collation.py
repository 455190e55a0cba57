"""The collation that sorts names as people read them, on PostgreSQL (``core.collation``;
SQLite gets it on each connection)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS coopdec_names (provider = icu, locale = 'und')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS coopdec_names")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
