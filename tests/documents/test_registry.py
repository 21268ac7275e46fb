"""Domain apps declare which models take documents; `documents` never imports them."""

import pytest

from documents import registry
from tests.test_import_graph import import_graph

DOMAIN = ("unions", "aid", "pairings", "economy", "activities", "reports", "benchmarks")


def test_documents_imports_no_domain_app():
    wrong = sorted(f"{module} imports {target}" for module, targets in import_graph().items()
                   if module.split(".")[0] == "documents"
                   for target in targets if target.split(".")[0] in DOMAIN)
    assert wrong == []


def test_aid_registers_the_archive_and_the_case():
    assert {"aid.hardshipworker", "aid.aidcase"} <= set(registry.registered_labels())
    access = registry.access_for("aid.HardshipWorker")
    assert access.view_roles == ("staff", "leader", "admin")
    assert access.upload_roles == access.withdraw_roles == ("staff", "admin")


def test_registering_needs_the_roles():
    from aid.models import Campaign

    with pytest.raises(ValueError, match="view_roles"):
        registry.register(Campaign, view_roles=(), upload_roles=("staff",))
    assert registry.access_for(Campaign) is None


def test_a_registered_model_needs_a_page_to_return_to():
    from core.models import FormSubmission

    with pytest.raises(ValueError, match="get_absolute_url"):
        registry.register(FormSubmission, view_roles=("staff",), upload_roles=("staff",))
