"""Two leaders approving the same case at the same moment, on two database connections."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from accounts.roles import Role
from aid import services
from aid.models import AidCase
from tests.support.factories import make_case, make_user, make_worker


def wait_until_blocked(count: int) -> None:
    """Wait (a bounded while) until `count` other connections wait on a row lock."""
    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT count(*) FROM pg_stat_activity "
                           "WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0] >= count:
                return
            time.sleep(0.05)
    pytest.fail(f"{count} approvals never reached the row lock")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_give_exactly_one():
    staff = make_user(Role.STAFF, "entering")
    leaders = [make_user(Role.LEADER, f"leader-{n}") for n in (1, 2)]
    case = make_case(entered_by=staff, worker=make_worker(), amount=Decimal(2000),
                     granted_on=date(2012, 3, 1), status=AidCase.Status.SUBMITTED,
                     submitted_by=staff)
    outcomes: dict[str, str] = {}

    def approve(leader):
        try:
            services.case_approve(case_id=case.pk, by=leader)
            outcomes[leader.username] = "approved"
        except services.TransitionError:
            outcomes[leader.username] = "refused"
        except Exception as error:  # reported by the assertion below
            outcomes[leader.username] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(leader,)) for leader in leaders]
    # Hold the row so that both approvals are under way, on their own connections, before
    # either can finish: then release it and let them race.
    with transaction.atomic():
        AidCase.objects.select_for_update().get(pk=case.pk)
        for thread in threads:
            thread.start()
        wait_until_blocked(2)
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["approved", "refused"]
    case.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "approved")
    assert case.status == AidCase.Status.APPROVED
    assert case.approved_by.username == winner
    assert case.version == 1
    assert case.history.filter(status=AidCase.Status.APPROVED).count() == 1
