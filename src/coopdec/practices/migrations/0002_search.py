from django.db import migrations

from coopdec.core.migration_operations import sqlite_full_text, trigram_index


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [
        trigram_index("practices_goodpractice"),
        sqlite_full_text("practices_goodpractice"),
    ]
