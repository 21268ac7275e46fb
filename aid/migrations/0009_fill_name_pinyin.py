"""Fills the pinyin search key of the HardshipWorkers that existed before the column."""

from django.db import migrations

from core.pinyin import search_key

BATCH = 2000


def fill(apps, _schema_editor):
    model = apps.get_model("aid", "HardshipWorker")
    rows = model.objects.order_by("pk").only("pk", "name")
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        row.name_pinyin = search_key(row.name)
        changed.append(row)
        if len(changed) == BATCH:
            model.objects.bulk_update(changed, ["name_pinyin"])
            changed = []
    model.objects.bulk_update(changed, ["name_pinyin"])


class Migration(migrations.Migration):
    dependencies = [("aid", "0008_name_pinyin")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
