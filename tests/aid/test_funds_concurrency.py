"""Two leaders approving two cases against the same nearly spent source at the same moment,
on two database connections: the source's row lock lets only one through."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from accounts.roles import Role
from aid import funds_selectors, services
from aid.models import AidCase, FundAllocation, FundSource
from tests.aid.test_concurrency import wait_until_blocked
from tests.support.factories import make_case, make_user, make_worker


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks (select_for_update) need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_never_overdraw_a_source():
    staff = make_user(Role.STAFF, "entering")
    leaders = [make_user(Role.LEADER, f"leader-{n}") for n in (1, 2)]
    source = FundSource.objects.create(name="县级配套资金", kind="county")
    FundAllocation.objects.create(source=source, year=2012, amount=Decimal(3000),
                                  received_on=date(2012, 1, 5))
    cases = [make_case(entered_by=staff, worker=make_worker(), amount=Decimal(2000),
                       granted_on=date(2012, 3, 1), status=AidCase.Status.SUBMITTED,
                       submitted_by=staff) for _ in leaders]
    outcomes: dict[str, str] = {}

    def approve(leader, case):
        try:
            services.case_approve(case_id=case.pk, by=leader, fund_source=source)
            outcomes[leader.username] = "approved"
        except ValidationError:
            outcomes[leader.username] = "refused"
        except Exception as error:  # reported by the assertion below
            outcomes[leader.username] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=pair) for pair in zip(leaders, cases,
                                                                            strict=True)]
    # Hold the source's row so that both approvals have locked their case and wait for the
    # source: then release it and let them race.
    with transaction.atomic():
        FundSource.objects.select_for_update().get(pk=source.pk)
        for thread in threads:
            thread.start()
        wait_until_blocked(2)
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["approved", "refused"]
    assert AidCase.objects.filter(status=AidCase.Status.APPROVED, fund_source=source).count() == 1
    assert funds_selectors.balance(source, 2012) == Decimal(1000)
