"""A worker's bank account: typed in any digits, bounded, masked everywhere but the worker's page
and the batch's bank file."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aid.models import HardshipWorker
from aid.validators import mask_bank_account, validate_bank_account
from tests.aid.test_views_workers import ID, worker_post
from tests.support.factories import make_union, make_worker

pytestmark = pytest.mark.django_db

ACCOUNT = "6228480123456789012"
FULL_WIDTH = "\uff16\uff12\uff12\uff18"  # 6228 in full-width digits


def test_an_account_typed_with_full_width_digits_and_spaces_is_kept_as_digits(client, staff):
    client.force_login(staff)
    client.post(reverse("aid:worker-create"), worker_post(
        make_union(), bank_name="中国农业银行", bank_account=FULL_WIDTH + " 4801 2345-6789 012"))
    worker = HardshipWorker.objects.get(id_number=ID)
    assert worker.bank_account == ACCOUNT
    assert worker.masked_bank_account == "***************9012"


@pytest.mark.parametrize("typed", ["6228abc123456", "1234567", "1" * 33])
def test_an_account_that_is_not_8_to_32_digits_is_refused(typed):
    with pytest.raises(ValidationError):
        validate_bank_account(typed)


def test_the_account_is_whole_on_the_worker_page_only_and_masked_in_its_history(client, staff):
    worker = make_worker(bank_name="中国农业银行")
    worker.bank_account = ACCOUNT
    worker.save()
    client.force_login(staff)
    page = client.get(worker.get_absolute_url())
    assert ACCOUNT in page.content.decode().split('data-testid="bank-account"')[1][:200]
    changes = [c for e in page.context["history"] for c in e.changes]
    assert mask_bank_account(ACCOUNT) in [c.new for c in changes]
    assert not any(ACCOUNT in (c.old + c.new) for c in changes)
    assert ACCOUNT not in client.get(reverse("aid:worker-list")).content.decode()


def test_editing_without_retyping_the_account_keeps_it(client, staff):
    worker = make_worker(id_number=ID, bank_account=ACCOUNT)
    client.force_login(staff)
    form = client.get(reverse("aid:worker-update", args=[worker.pk])).context["form"]
    assert form["bank_account"].value() == ""
    client.post(reverse("aid:worker-update", args=[worker.pk]), worker_post(
        worker.union, id_number="", bank_account="", version=form["version"].value()))
    worker.refresh_from_db()
    assert worker.bank_account == ACCOUNT
