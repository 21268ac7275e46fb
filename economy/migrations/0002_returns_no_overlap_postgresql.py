"""No two returns of the same reporter and sector with overlapping periods (PostgreSQL only).

SQLite (the `make run` default) has no exclusion constraints; there the rule is enforced by
ValueAddedReturn.clean() and the import's checks, which state it on every database.
"""

from django.db import migrations

CONSTRAINTS = (
    ("return_union_periods_disjoint", "union_id"),
    ("return_household_periods_disjoint", "household_id"),
)


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE economy_valueaddedreturn ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({column} WITH =, sector WITH =, "
            f"daterange(period_start, period_end, '[]') WITH &&) WHERE ({column} IS NOT NULL)"
        )


def remove_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE economy_valueaddedreturn DROP CONSTRAINT {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("economy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_constraints, remove_constraints),
    ]
