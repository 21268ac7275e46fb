from decimal import Decimal

from django.db import migrations

# Starting caps per case; administrators change them in the Django admin.
DEFAULT_CAPS = {
    "visit": Decimal("1000"),
    "living": Decimal("5000"),
    "medical": Decimal("10000"),
    "education": Decimal("5000"),
}


def create_caps(apps, schema_editor):
    AidKindCap = apps.get_model("aid", "AidKindCap")
    for kind, max_amount in DEFAULT_CAPS.items():
        AidKindCap.objects.get_or_create(kind=kind, defaults={"max_amount": max_amount})


class Migration(migrations.Migration):
    dependencies = [("aid", "0002_campaign_case_cap")]

    operations = [migrations.RunPython(create_caps, migrations.RunPython.noop)]
