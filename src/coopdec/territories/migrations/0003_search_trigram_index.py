from django.db import migrations

from coopdec.core.migration_operations import trigram_index


class Migration(migrations.Migration):
    dependencies = [("territories", "0002_area_level_name_index")]

    operations = [trigram_index("territories_area")]
