"""The data version (core.freshness): raised once per committed write to the watched records,
never by a rolled-back one, and what cached figures are keyed by."""

from datetime import date

import pytest
from django.db import connection, transaction

from core import freshness
from core.models import DataVersion
from tests.support.factories import make_headcount_return, make_union, set_up_federation
from unions.models import HeadcountReturn, Union


@pytest.fixture
def version(transactional_db):
    """The version row (a transactional test's flush removes the migration's)."""
    DataVersion.objects.get_or_create(pk=1)
    return lambda: DataVersion.objects.get(pk=1).version


@pytest.mark.parametrize(("sql", "watched"), [
    ('INSERT INTO "unions_union" ("name") VALUES (%s)', True),
    ('UPDATE "aid_aidcase" SET "status" = %s', True),
    ('DELETE FROM "pairings_pairing" WHERE "id" IN (1)', True),
    ("TRUNCATE aid_aidcase", True),
    ('INSERT INTO "aid_historicalaidcase" ("id") VALUES (1)', True),  # history tables too
    ('SELECT "id" FROM "aid_aidcase" FOR UPDATE', False),
    ('UPDATE "reports_summary" SET "opening" = %s', False),  # read live, never cached
    ('UPDATE "django_session" SET "expire_date" = %s', False),
    ("UPDATE core_dataversion SET version = version + 1 WHERE id = 1", False),
])
def test_it_knows_which_statements_write_the_watched_records(sql, watched):
    assert freshness.writes_watched(sql) is watched


def test_writes_raise_it_once_per_commit_and_never_when_rolled_back(version):
    before = version()
    make_union()  # autocommit: the union and its history row, each committed at once
    assert version() > before

    before = version()
    with transaction.atomic():
        union = make_union()
        make_headcount_return(union)
        HeadcountReturn.objects.filter(union=union).update(members=11)
        assert version() == before  # not before the commit: nobody else sees the writes yet
    assert version() == before + 1

    def write_and_fail():
        with transaction.atomic():
            make_union()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_and_fail()
    assert version() == before + 1

    with transaction.atomic():
        with pytest.raises(RuntimeError):
            write_and_fail()  # the first write, in a savepoint rolled back: its raise goes too
        make_union()  # registers the raise again
    assert version() == before + 2

    set_up_federation()  # a record the summary does not read
    assert version() == before + 2


def test_bulk_writes_updates_and_deletes_raise_it(version):
    before = version()
    Union.objects.bulk_create([Union(name=f"批量{n}", kind=Union.Kind.GOVERNMENT,
                                     established_on=date(2000, 1, 1)) for n in range(3)])
    Union.objects.filter(name__startswith="批量").update(kind=Union.Kind.PRIVATE)
    Union.objects.filter(name__startswith="批量").delete()
    assert version() == before + 3


def test_cached_computes_once_per_version(version):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert freshness.cached(("test",), compute) == 1
    assert freshness.cached(("test",), compute) == 1
    make_union()
    assert freshness.cached(("test",), compute) == 2
    freshness.bump()
    assert freshness.cached(("test",), compute) == 3

    with transaction.atomic():  # a transaction that wrote neither reads nor stores the cache
        make_union()
        assert freshness.cached(("test",), compute) == 4
    assert freshness.cached(("test",), compute) == 5

    DataVersion.objects.all().delete()  # without the version row nothing is cached
    assert freshness.cached(("test",), compute) == 6
    assert freshness.cached(("test",), compute) == 7


def test_every_connection_gets_the_detector_once(db):
    detectors = [w for w in connection.execute_wrappers if getattr(w, "freshness", False)]
    assert len(detectors) == 1
    freshness.install(None, connection)
    assert len([w for w in connection.execute_wrappers if getattr(w, "freshness", False)]) == 1


def test_a_computation_reading_unwatched_tables_is_never_cached(version):
    from accounts.models import User

    calls = []

    def count_users():
        calls.append(1)
        return User.objects.count()

    freshness.cached(("users",), count_users)
    freshness.cached(("users",), count_users)
    assert len(calls) == 2  # a new user would not raise the version: computed every time


@pytest.mark.parametrize(("sql", "tables"), [
    ('SELECT 1 FROM "aid_aidcase" INNER JOIN "unions_union" ON (1=1)',
     {"aid_aidcase", "unions_union"}),
    ("SELECT d.day FROM unnest(%s::date[]) AS d(day) LEFT JOIN LATERAL (SELECT 1 FROM "
     "unions_headcountreturn h) r ON true", {"unnest", "LATERAL", "unions_headcountreturn"}),
])
def test_it_notes_the_tables_a_statement_reads(sql, tables):
    reads = freshness._Reads()
    reads(lambda *args: None, sql, (), False, {})
    assert tables <= reads.tables


def test_the_database_cache_of_the_settings_serves_every_process(version, settings):
    from django.conf import settings as configured

    from config import settings as project

    settings.CACHES = project.CACHES  # the migrations made its table
    from django.core.cache import cache

    cache.clear()
    assert configured.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    calls = []

    def compute():
        calls.append(1)
        return {"figures": len(calls)}

    assert freshness.cached(("db",), compute) == {"figures": 1}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM gonghui_cache")
        assert cursor.fetchone()[0] == 1
    assert freshness.cached(("db",), compute) == {"figures": 1}
    make_union()
    assert freshness.cached(("db",), compute) == {"figures": 2}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_computation_holds_its_key_lock_and_lets_it_go(version):
    def held():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                           "AND pid = pg_backend_pid()")
            return cursor.fetchone()[0]

    assert freshness.cached(("locked",), held) == 1  # computed while holding the lock
    assert held() == 0
    with pytest.raises(ZeroDivisionError):
        freshness.cached(("failing",), lambda: 1 / 0)
    assert held() == 0  # released when the computation fails too
