"""Documents belong to any record (``owner``), are listed on a page (``root``) and have an
audience. Existing documents keep their partnership (or project) as owner, their
partnership as root, and are read by the record's parties only until the federation widens
them: nobody who could not read one before can now."""

import django.db.models.deletion
from django.db import migrations, models


def attach(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Document = apps.get_model("documents", "Document")
    partnership, _ = ContentType.objects.get_or_create(app_label="partnerships", model="partnership")
    project, _ = ContentType.objects.get_or_create(app_label="projects", model="project")
    for document in Document.objects.all():
        if document.project_id:
            document.owner_type, document.owner_id = project, document.project_id
        else:
            document.owner_type, document.owner_id = partnership, document.partnership_id
        document.root_type, document.root_id = partnership, document.partnership_id
        document.audience = "private"
        document.save(update_fields=["owner_type", "owner_id", "root_type", "root_id", "audience"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_refusal"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="owner_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="owner_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="document",
            name="root_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="root_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="document",
            name="audience",
            field=models.CharField(max_length=10, null=True),
        ),
        migrations.RunPython(attach, migrations.RunPython.noop),
        migrations.RemoveField(model_name="document", name="partnership"),
        migrations.RemoveField(model_name="document", name="project"),
        migrations.AlterField(
            model_name="document",
            name="owner_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="owner_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="document",
            name="root_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="root_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="document",
            name="audience",
            field=models.CharField(
                choices=[
                    ("private", "Parties only"),
                    ("members", "Signed-in members"),
                    ("public", "Public"),
                ],
                help_text=(
                    "Parties: those who may change the record it belongs to. Members: "
                    "everyone signed in who sees the record. Public: also visitors of the "
                    "public atlas. The federation reads every document."
                ),
                max_length=10,
                verbose_name="who may read it",
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["owner_type", "owner_id"], name="document_owner"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["root_type", "root_id"], name="document_root"),
        ),
    ]
