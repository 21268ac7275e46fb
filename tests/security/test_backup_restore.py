"""export_all / import_all: load the demo, export, wipe the database, import, and the half-year
summary is the same, figure for figure (docs/operations.md)."""

import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from aid.models import AidCase, HardshipWorker
from core.periods import Period
from reports import demo
from reports.models import Publication
from reports.services import assemble, summary_publish
from tests.support.factories import make_worker
from unions.models import Union

pytestmark = pytest.mark.django_db(transaction=True)


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)


def test_export_wipe_import_gives_the_same_summary(tmp_path):
    demo.load()
    leader = User.objects.get(username="leader")
    published = summary_publish(period=Period(2012, "h1"), by=leader).document
    before = assemble(Period(2012, "h1")).document
    cases = sorted(AidCase.objects.values_list("pk", "worker__id_number", "amount", "status"))
    history = HardshipWorker.history.count()
    call_command("export_all", str(tmp_path / "backup"), verbosity=0)

    wipe()
    assert not Union.objects.exists()
    assert not User.objects.exists()
    call_command("import_all", str(tmp_path / "backup"), verbosity=0)

    assert assemble(Period(2012, "h1")).document == before
    assert sorted(AidCase.objects.values_list("pk", "worker__id_number", "amount",
                                              "status")) == cases
    assert HardshipWorker.history.count() == history  # the audit trail came back too
    restored = User.objects.get(username="leader")
    assert restored.check_password(demo.DEMO_PASSWORD)
    assert restored.groups.filter(name="leader").exists()
    assert Publication.objects.get().document == published
    # New records get fresh ids after the restore (the sequences follow the loaded rows).
    union = Union.objects.create(name="恢复后新建工会", kind="private",
                                 established_on="2013-01-01")
    assert union.pk > max(Union.objects.exclude(pk=union.pk).values_list("pk", flat=True))


def test_import_all_refuses_a_database_that_holds_records(tmp_path):
    make_worker()
    call_command("export_all", str(tmp_path / "backup"), verbosity=0)
    counts = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert counts["aid.HardshipWorker"] == 1
    assert counts["unions.Union"] == 1
    with pytest.raises(CommandError, match="already holds records"):
        call_command("import_all", str(tmp_path / "backup"), verbosity=0)


def test_export_all_does_not_overwrite_an_earlier_export(tmp_path):
    call_command("export_all", str(tmp_path), verbosity=0)
    with pytest.raises(CommandError, match="exists"):
        call_command("export_all", str(tmp_path), verbosity=0)
