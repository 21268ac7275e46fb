"""A payment batch's scanned bank confirmation or signed sheet is a proof document of the batch."""

from decimal import Decimal

import pytest

from accounts.roles import Role
from aid import funds_services
from documents.models import ProofDocument
from tests.aid.test_funds_services import ACCOUNT, approved, make_source
from tests.documents.helpers import upload
from tests.support.factories import make_user, make_worker
from tests.support.files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(staff, leader):
    case = approved(staff, leader, make_source(), Decimal(500),
                    worker=make_worker(bank_name="农业银行", bank_account=ACCOUNT))
    return funds_services.batch_create(by=staff, name="2012年两节慰问金第一批", method="bank",
                                       cases=[case])


def test_the_batch_page_takes_the_bank_confirmation(client, staff, batch):
    client.force_login(staff)
    response = upload(client, batch, pdf_bytes("bank receipt"), "回单.pdf", kind="bank_receipt",
                      follow=True)
    assert response.status_code == 200
    document = ProofDocument.objects.get()
    assert document.record == batch
    assert "回单.pdf" in client.get(batch.get_absolute_url()).content.decode()


def test_a_batch_takes_only_payment_kinds(client, leader, batch):
    client.force_login(leader)
    response = upload(client, batch, pdf_bytes(), "诊断书.pdf", kind="diagnosis")
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert not ProofDocument.objects.exists()


def test_an_admin_reads_but_does_not_upload_a_batchs_documents(client, batch):
    client.force_login(make_user(Role.ADMIN, "admin2"))
    assert upload(client, batch, pdf_bytes(), "回单.pdf", kind="bank_receipt").status_code == 403
    assert client.get(batch.get_absolute_url()).status_code == 200
    assert not ProofDocument.objects.exists()
