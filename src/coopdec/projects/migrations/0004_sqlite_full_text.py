from django.db import migrations

from coopdec.core.migration_operations import sqlite_full_text


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_public_flag")]

    operations = [sqlite_full_text("projects_project")]
