from django.db import migrations

from coopdec.core.migration_operations import sqlite_full_text


class Migration(migrations.Migration):
    dependencies = [("territories", "0003_search_trigram_index")]

    operations = [sqlite_full_text("territories_area")]
