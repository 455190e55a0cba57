from django.db import migrations

from coopdec.core.migration_operations import sqlite_full_text, trigram_index


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        trigram_index("library_publication"),
        sqlite_full_text("library_publication"),
    ]
