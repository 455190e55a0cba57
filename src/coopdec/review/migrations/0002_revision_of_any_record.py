"""Proposals belong to the record they change, to the record whose page shows them (its
*root*: the partnership, for everything kept inside one) and to the communes they concern,
no longer to a partnership; a refused new record keeps the federation's message; the
federation may set per kind of record whether validation is needed."""

import django.db.models.deletion
from django.db import migrations, models


def partnerships_become_roots(apps, schema_editor):
    Revision = apps.get_model("review", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Revision.objects.exists():
        return
    partnership_type, _created = ContentType.objects.get_or_create(
        app_label="partnerships", model="partnership"
    )
    through = Revision.communes.through
    links = []
    for revision in Revision.objects.select_related("partnership").iterator(chunk_size=2000):
        revision.root_type_id = partnership_type.pk
        revision.root_id = revision.partnership_id
        revision.save(update_fields=["root_type", "root_id"])
        links.append(
            through(revision_id=revision.pk, area_id=revision.partnership.local_government_id)
        )
    through.objects.bulk_create(links, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnerships", "0006_sqlite_full_text"),
        ("territories", "0004_sqlite_full_text"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="root_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="root_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="revision",
            name="communes",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="territories.area",
                verbose_name="communes concerned",
            ),
        ),
        migrations.RunPython(partnerships_become_roots, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="revision", name="review_revi_state_b165ef_idx"),
        migrations.RemoveField(model_name="revision", name="partnership"),
        migrations.AlterField(
            model_name="revision",
            name="root_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="root_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(fields=["root_type", "root_id"], name="revision_root"),
        ),
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(fields=["author", "created_at"], name="revision_author_date"),
        ),
        migrations.CreateModel(
            name="ReviewPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("required", models.BooleanField(verbose_name="needs validation")),
                (
                    "content_type",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "validation rule",
                "verbose_name_plural": "validation rules",
            },
        ),
    ]
