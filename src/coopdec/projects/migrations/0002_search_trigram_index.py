from django.db import migrations

from coopdec.core.migration_operations import trigram_index


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [trigram_index("projects_project")]
