from django.db import migrations, models

# Copied, not imported: a migration must not change when the code does.
LATIN_NAME = "[A-Za-z\u017f\u0131]"  # core.pinyin.LATIN_NAME
LONG_NAME = 4  # core.pinyin.LONG_NAME

# One migration for the aid app's two scale fixes of issue 20: the worker search and the period
# figures (below, COVERING and the visit-day index).
#
# The worker search (core.pinyin.name_matches, aid.filters.worker_matches) at a province's
# 100,000 workers: without these, every search box and type-ahead read the whole table.
# All PostgreSQL only (SQLite has no trigram index and no operator classes; its tables are a
# county's, where a scan is instant), so the statements run behind a vendor check and the
# migration still runs on SQLite.
#
# - pg_trgm (a trusted extension: the database owner may create it) and a trigram GIN index
#   on UPPER(name), the very expression Django's `icontains` generates, for name fragments of
#   three or more characters (shorter ones give no trigram: see core.pinyin);
# - UPPER(name) with text_pattern_ops: `istartswith`, a one-character search and the
#   type-ahead's "starts with" ordering;
# - a trigram GIN index on name_pinyin: "a token of the key starts with" is
#   `name_pinyin LIKE '% term%'`, a pattern a btree cannot serve (the start of the key uses the
#   existing btree `worker_name_pinyin`);
# - the workers whose name has Latin letters (a partial index, a handful of rows): a term of
#   Latin letters ("ch", pinyin initials) looks for them in the name only among these
#   (core.pinyin.LATIN_NAME), its other matches are found by the key's indexes;
# - the workers whose name has four characters or more (a partial index, few rows): a
#   two-character fragment gives no trigram; it is looked for at the start and the end of every
#   name (trigrams again: '崔红%' and '%崔红' are anchored) and anywhere only in these names;
# - reverse(id_number) with text_pattern_ops: people type the last digits of an ID number;
#   `reverse(id_number) LIKE reverse(digits) || '%'` is then a prefix search in this index.
# ANALYZE gives the planner the statistics of the indexed expressions at once (otherwise it
# guesses 500 matching rows for any fragment until autovacuum's next analyze).
INDEXES = {
    "worker_name_upper_trgm": "aid_hardshipworker USING gin (UPPER(name::text) gin_trgm_ops)",
    "worker_name_upper_prefix": "aid_hardshipworker (UPPER(name::text) text_pattern_ops)",
    "worker_name_pinyin_trgm": "aid_hardshipworker USING gin (name_pinyin gin_trgm_ops)",
    "worker_latin_name": f"aid_hardshipworker (id) WHERE name::text ~ '{LATIN_NAME}'",
    "worker_long_name": f"aid_hardshipworker (id) WHERE length(name::text) >= {LONG_NAME}",
    "worker_id_number_reversed": "aid_hardshipworker (reverse(id_number::text) text_pattern_ops)",
}


# The period figures (aid.figures.for_period) and the case list's totals read, besides what
# 0005's covering index holds, the campaign (the reporting rule: visits by their campaign's end)
# and the fund source (money by source). With both included the reported cases of a half-year
# are again an index-only range scan; without them PostgreSQL visited every case's table page.
COVERING = ("CREATE INDEX case_period_covering ON aid_aidcase (granted_on) "
            "INCLUDE (status, kind, worker_id, amount, id, campaign_id, fund_source_id)")
COVERING_0005 = ("CREATE INDEX case_period_covering ON aid_aidcase (granted_on) "
                 "INCLUDE (status, kind, worker_id, amount, id)")


def widen_covering(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_period_covering")
        schema_editor.execute(COVERING)
        schema_editor.execute("ANALYZE aid_aidcase")


def narrow_covering(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_period_covering")
        schema_editor.execute(COVERING_0005)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    schema_editor.execute("ANALYZE aid_hardshipworker")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other apps' indexes may use it.


class Migration(migrations.Migration):

    dependencies = [
        ("aid", "0011_funds"),
    ]

    operations = [
        migrations.RunPython(add_indexes, drop_indexes),
        migrations.RunPython(widen_covering, narrow_covering),
        # Portable: the first and last visit of each campaign, one probe each (aid.figures).
        migrations.AddIndex(
            model_name="aidcase",
            index=models.Index(condition=models.Q(("kind", "visit")),
                               fields=["campaign", "granted_on"], name="case_visit_campaign_day"),
        ),
    ]
