"""docs/operations.md §2, command for command: `export_all DIR` while people work, then on a new
database `migrate` and `import_all DIR` (in their own processes, as an operator runs them)."""

import json
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, connections

from accounts.models import User
from aid.models import AidCase, AidKindCap, HardshipWorker
from core.periods import Period
from reports import demo
from reports.management.commands import export_all
from reports.models import Publication
from reports.services import summary_publish
from tests.support.factories import make_worker
from tests.test_settings import ROOT, clean_env

pytestmark = pytest.mark.django_db(transaction=True)

# What the restored database is checked for, computed alike before the export (here) and after
# the import (in the restored database's own process, through `manage.py shell -c`).
STATE = """
import json
from accounts.models import User
from aid.models import AidCase, AidKindCap, HardshipWorker
from core.periods import Period
from reports import frozen
from reports.models import Publication
from reports.services import assemble


def state():
    return json.dumps({
        "summary": frozen.dump(assemble(Period(2012, "h1")).document),
        "publication": Publication.objects.get().document,
        "cases": [[pk, number, str(amount), status] for pk, number, amount, status in sorted(
            AidCase.objects.values_list("pk", "worker__id_number", "amount", "status"))],
        "worker_history": HardshipWorker.history.count(),
        "users": sorted([u.username, u.password, sorted(u.groups.values_list("name", flat=True))]
                        for u in User.objects.all()),
        "caps": {cap.kind: str(cap.max_amount) for cap in AidKindCap.objects.all()},
    }, sort_keys=True, default=str)
"""


def state_here() -> dict:
    namespace: dict = {}
    exec(STATE, namespace)  # the same lines as in the restored database's process
    return json.loads(namespace["state"]())


def database_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def new_database(tmp_path):
    """The URL of an empty database (nothing migrated yet), removed afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url: str, *arguments: str) -> str:
    """`python manage.py ARGUMENTS` in its own process, on the database at `url`."""
    result = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT,
                            env=clean_env(DEBUG="1", DATABASE_URL=url),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_documented_procedure_restores_into_a_freshly_migrated_database(tmp_path,
                                                                            new_database):
    demo.load()
    summary_publish(period=Period(2012, "h1"), by=User.objects.get(username="leader"))
    # The administrators changed one default cap and removed another: the restore must give
    # theirs, not the defaults the new database's migrations write. (Set here whatever earlier
    # tests left: a transactional test empties every table, migrations' rows included.)
    AidKindCap.objects.exclude(kind__in=["living", "medical", "visit"]).delete()
    for kind, cap in {"living": 6000, "medical": 10000, "visit": 1000}.items():
        AidKindCap.objects.update_or_create(kind=kind, defaults={"max_amount": Decimal(cap)})
    before = state_here()
    backup = tmp_path / "export-20120701"
    call_command("export_all", str(backup), verbosity=0)  # = manage.py export_all DIR

    manage(new_database, "migrate")
    seeded = json.loads(manage(new_database, "shell", "--no-imports", "-c",
                               "from aid.models import AidKindCap; import json; print(json.dumps("
                               "sorted(AidKindCap.objects.values_list('kind', flat=True))))"))
    assert seeded == ["education", "living", "medical", "visit"]  # the migration's defaults
    out = manage(new_database, "import_all", str(backup))
    assert "Imported" in out

    after = json.loads(manage(new_database, "shell", "--no-imports", "-c",
                              STATE + "print(state())"))
    assert after == before
    assert after["caps"] == {"living": "6000.00", "medical": "10000.00", "visit": "1000.00"}


def test_import_all_refuses_a_database_where_a_user_was_created(tmp_path, new_database):
    make_worker()
    call_command("export_all", str(tmp_path / "backup"), verbosity=0)
    manage(new_database, "migrate")
    subprocess.run([sys.executable, "manage.py", "adduser", "admin", "--role", "admin"],
                   cwd=ROOT, env=clean_env(DEBUG="1", DATABASE_URL=new_database,
                                           GONGHUI_PASSWORD="县总工会-帮扶-2012!"),
                   capture_output=True, text=True, timeout=120, check=True)
    result = subprocess.run([sys.executable, "manage.py", "import_all", str(tmp_path / "backup")],
                            cwd=ROOT, env=clean_env(DEBUG="1", DATABASE_URL=new_database),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "already holds records (accounts.User)" in result.stderr


# --- one snapshot, while people work ----------------------------------------------------------

def exported_counts(directory: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in json.loads((directory / export_all.DATA_FILE).read_text()):
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return counts


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="a second connection writing during the export needs PostgreSQL")
def test_a_record_saved_during_the_export_is_in_neither_the_data_nor_the_counts(tmp_path):
    make_worker(name="导出前")
    count_records = export_all.record_counts

    def someone_saves_then_count():
        # Between the data and the counts, a clerk saves a new worker (another connection,
        # committed): the counts must still be those of the data.
        def clerk():
            try:
                make_worker(name="导出中")
            finally:
                connections.close_all()

        thread = threading.Thread(target=clerk)
        thread.start()
        thread.join()
        return count_records()

    with mock.patch.object(export_all, "record_counts", someone_saves_then_count):
        call_command("export_all", str(tmp_path / "backup"), verbosity=0)

    assert HardshipWorker.objects.filter(name="导出中").exists()  # it was saved
    manifest = json.loads((tmp_path / "backup" / export_all.MANIFEST_FILE).read_text())
    data = exported_counts(tmp_path / "backup")
    assert manifest["aid.HardshipWorker"] == 1
    assert {label.lower(): n for label, n in manifest.items() if n} == data


def test_the_manifest_counts_what_the_data_holds(tmp_path):
    make_worker()
    call_command("export_all", str(tmp_path / "backup"), verbosity=0)
    manifest = json.loads((tmp_path / "backup" / export_all.MANIFEST_FILE).read_text())
    assert {label.lower(): n for label, n in manifest.items() if n} == exported_counts(
        tmp_path / "backup")
    assert AidCase.objects.count() == manifest["aid.AidCase"] == 0
    assert Publication.objects.count() == 0
