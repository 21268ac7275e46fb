from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("core", "DataVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, version=0)


class Migration(migrations.Migration):
    """The data version of core.freshness: one row, raised after every committed write to the
    records the summary reads, so its figures can be cached exactly."""

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
    ]
