"""The data version of each runner's facts, and the derived-state cache's table where the
settings keep that cache in the database (PostgreSQL); both serve the cache only."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.core.management import call_command
from django.db import migrations, models


def cache_table(apps: Any, schema_editor: Any) -> None:
    # Made here so every way of migrating (serve, the CLI, the tests) has it; a no-op for
    # a file-based cache, and for a table that is already there.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_users_and_api_tokens"),
        ("coach", "0004_write_receipts"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="data_version",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("version", models.CharField(max_length=32)),
                ("base", models.CharField(default="", max_length=32)),
            ],
        ),
        migrations.RunPython(cache_table, migrations.RunPython.noop),
    ]
