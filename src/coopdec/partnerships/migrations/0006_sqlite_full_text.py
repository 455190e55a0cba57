from django.db import migrations

from coopdec.core.migration_operations import sqlite_full_text


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_public_flag")]

    operations = [sqlite_full_text("partnerships_partnership")]
