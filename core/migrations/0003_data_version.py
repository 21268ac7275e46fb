from django.db import migrations, models


def cache_table(apps, schema_editor):
    """The database cache's table (settings.CACHES), as `createcachetable` makes it."""
    from django.core.management import call_command

    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def first_version(apps, schema_editor):
    apps.get_model("core", "DataVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, version=0)


class Migration(migrations.Migration):
    """The data version of core.freshness: one row, raised after every committed write to the
    records the summary reads, so its figures can be cached exactly; and the cache's table."""

    dependencies = [
        ("core", "0002_import_batch_progress"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunPython(cache_table, migrations.RunPython.noop, elidable=True),
    ]
