from django.db import migrations

from coopdec.core.migration_operations import trigram_index


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_order_by_name")]

    operations = [trigram_index("partnerships_partnership")]
