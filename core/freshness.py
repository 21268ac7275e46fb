"""Exact caching of figures computed from the records: a data version raised by every write.

`watch(*app_labels)` names the apps whose tables the cached figures read. Every INSERT, UPDATE,
DELETE or TRUNCATE of one of their tables that goes through Django's database connection (the
ORM, `bulk_create`, `QuerySet.update`, raw cursors alike: an execute wrapper is installed on
every new connection) raises the version by one once its transaction has committed (in autocommit
mode, right after the statement). `cached(key, compute)` keeps `compute()`'s value under the key
and the version it read first.

Why a cached value is never stale: a reader reads the version *before* it computes, and a writer
raises it only *after* its commit. A write the computation did not see commits after the
computation began, so its raise comes after the reader's read, and the value's version is
already old when anyone asks again. The one gap is a process killed between a commit and the
raise (the next write closes it; entries also expire after `TIMEOUT`). Writes that bypass the
connection (PostgreSQL `COPY` through psycopg, psql) must call `bump()`: `gen_data` does.

A transaction that has written and not yet committed reads and stores nothing in the cache: it
sees its own writes, which nobody else can see yet. The version lives in the database
(`core.models.DataVersion`), so every process agrees on it whatever the cache backend: with the
default per-process memory cache each gunicorn worker computes a period once per version.
"""

import hashlib
import re
from collections.abc import Callable
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

TIMEOUT = 15 * 60  # seconds: a backstop only (see the module's docstring)
_MISSING = object()
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
                    re.IGNORECASE)
_watched_apps: set[str] = set()
_watched_tables: set[str] | None = None  # computed on first use, once every app is loaded
_migrating = False


def watch(*app_labels: str) -> None:
    """Count writes to these apps' tables (their models', history and many-to-many tables)."""
    global _watched_tables
    _watched_apps.update(app_labels)
    _watched_tables = None


def watched_tables() -> set[str]:
    global _watched_tables
    if _watched_tables is None:
        _watched_tables = {model._meta.db_table for label in _watched_apps
                           for model in apps.get_app_config(label).get_models(
                               include_auto_created=True)}
    return _watched_tables


def writes_watched(sql: str) -> bool:
    """Whether a statement writes a watched table."""
    found = _WRITE.match(sql)
    return bool(found) and found.group(1) in watched_tables()


class _Raise:
    """Raise one database's version by one: the callback a writing transaction registers to run
    at its commit (recognisable in the connection's on-commit list)."""

    def __init__(self, using: str):
        self.using = using

    def __call__(self) -> None:
        with connections[self.using].cursor() as cursor:
            cursor.execute("UPDATE core_dataversion SET version = version + 1 WHERE id = 1")


def bump(using: str = "default") -> None:
    """Raise the version now: every cached value is recomputed on its next use."""
    _Raise(using)()


def _pending(db) -> bool:
    """Whether `db`'s open transaction has written watched tables (its raise waits for the
    commit)."""
    return any(isinstance(entry[1], _Raise) for entry in db.run_on_commit)


def _written(db) -> None:
    if _migrating:
        return  # the version's table may not exist yet; the end of `migrate` raises it
    if not db.in_atomic_block:
        bump(db.alias)  # autocommit: the statement has committed
    elif not _pending(db):
        db.on_commit(_Raise(db.alias))


def _wrapper(db):
    def execute(run, sql, params, many, context):
        result = run(sql, params, many, context)
        if writes_watched(sql):
            _written(db)
        return result
    return execute


def install(sender, connection, **kwargs) -> None:  # noqa: ARG001 (a signal receiver)
    """Put the write detector on a new connection (core.apps connects this)."""
    if not any(getattr(w, "freshness", False) for w in connection.execute_wrappers):
        wrapper = _wrapper(connection)
        wrapper.freshness = True
        connection.execute_wrappers.append(wrapper)


def _pause(**kwargs) -> None:
    global _migrating
    _migrating = True


def _resume(using: str = "default", **kwargs) -> None:
    """After `migrate` (data migrations write records): one raise."""
    global _migrating
    if _migrating:
        _migrating = False
        bump(using)


def connect() -> None:
    connection_created.connect(install, dispatch_uid="core.freshness.install")
    pre_migrate.connect(_pause, dispatch_uid="core.freshness.pause")
    post_migrate.connect(_resume, dispatch_uid="core.freshness.resume")


def current(using: str = "default") -> int | None:
    """The data version (None when its row is missing: nothing is cached then)."""
    from .models import DataVersion

    return (DataVersion.objects.using(using).filter(pk=1)
            .values_list("version", flat=True).first())


_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_]\w*)"?', re.IGNORECASE)


class _Reads:
    """An execute wrapper noting the models' tables a computation's statements read."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, run, sql, params, many, context):
        self.tables.update(_READ.findall(sql))
        return run(sql, params, many, context)


def cached(key: tuple, compute: Callable[[], object]) -> object:
    """`compute()`, or its value cached under `key` at the current data version (one query to
    read the version).

    A value is stored only if every table `compute()` read is watched (its statements are
    looked at): a computation that reads anything else (users, sessions, ...) is never cached,
    since writes there do not raise the version.
    """
    if _pending(connection):
        return compute()
    version = current()
    if version is None:
        return compute()
    name = ":".join(str(part) for part in ("freshness", version, *key))
    value = cache.get(name, _MISSING)
    if value is _MISSING:
        with _computing(name):  # others asking meanwhile wait for this computation
            value = cache.get(name, _MISSING)
            if value is _MISSING:
                reads = _Reads()
                with connection.execute_wrapper(reads):
                    value = compute()
                if reads.tables & _model_tables() <= watched_tables():
                    cache.set(name, value, TIMEOUT)
    return value


@contextmanager
def _computing(name: str):
    """On PostgreSQL, a session advisory lock on the cache key: after a write, the requests
    that all find the value stale wait for one of them to compute it instead of computing it at
    once each (which on two CPUs made every one of them slower). Elsewhere nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big",
                         signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _model_tables() -> set[str]:
    """Every model's table (names in FROM and JOIN that are not, such as a subquery's alias or
    a set-returning function, are not tables)."""
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
