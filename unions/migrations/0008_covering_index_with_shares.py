from django.db import migrations

# The counts at a date (`unions.figures.counts_at`) read each active union's latest return:
# members, employed, laid off and the female and migrant-worker members. 0003's covering index
# carried only the first three, so every probe also visited the table; this one carries all
# five (index-only probes). PostgreSQL only: SQLite has no INCLUDE and uses the unique
# (union, as_of) index.
WITH_SHARES = ("CREATE INDEX headcount_latest_covering ON unions_headcountreturn (union_id, as_of) "
               "INCLUDE (members, employed, laid_off, female_members, migrant_members)")
WITHOUT_SHARES = ("CREATE INDEX headcount_latest_covering ON unions_headcountreturn "
                  "(union_id, as_of) INCLUDE (members, employed, laid_off)")


def replace_index(definition):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX IF EXISTS headcount_latest_covering")
            schema_editor.execute(definition)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("unions", "0007_fill_name_pinyin"),
    ]

    operations = [
        migrations.RunPython(replace_index(WITH_SHARES), replace_index(WITHOUT_SHARES)),
    ]
