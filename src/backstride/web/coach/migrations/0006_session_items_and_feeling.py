"""The guided session's end: how the back feels (feeling_after) on each session, and the
items other than sets that were done or skipped."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coach", "0005_data_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingsession",
            name="feeling_after",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="ItemEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("exercise", models.CharField(max_length=64)),
                (
                    "outcome",
                    models.CharField(
                        choices=[("done", "done"), ("skipped", "skipped")], max_length=7
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="coach.trainingsession",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
    ]
