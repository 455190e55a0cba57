"""Notices about any record: the opportunity a notice was about becomes its subject (through
the content types framework), and preferences are kept per topic (an opportunity's topic is
its kind, so every choice already made keeps its meaning)."""

import django.db.models.deletion
from django.db import migrations, models


def opportunities_become_subjects(apps, schema_editor):
    Notice = apps.get_model("notifications", "Notice")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Notice.objects.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="opportunities", model="opportunity"
    )
    for notice in Notice.objects.select_related("opportunity").iterator(chunk_size=2000):
        notice.content_type_id = content_type.pk
        notice.object_id = notice.opportunity_id
        notice.topic = notice.opportunity.kind
        notice.save(update_fields=["content_type", "object_id", "topic"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="preference", name="preference_one_per_kind"),
        migrations.RenameField(model_name="preference", old_name="kind", new_name="topic"),
        migrations.AlterField(
            model_name="preference",
            name="topic",
            field=models.CharField(max_length=40, verbose_name="topic"),
        ),
        migrations.AddConstraint(
            model_name="preference",
            constraint=models.UniqueConstraint(
                fields=("user", "topic"), name="preference_one_per_topic"
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="notice",
            name="topic",
            field=models.CharField(default="", max_length=40, verbose_name="topic"),
            preserve_default=False,
        ),
        migrations.RunPython(opportunities_become_subjects, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notice", name="opportunity"),
        migrations.AlterField(
            model_name="notice",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="notice",
            name="object_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(fields=["content_type", "object_id"], name="notice_subject"),
        ),
    ]
