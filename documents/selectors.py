"""The reads of proof documents: a record's list, and a document with the right to open it."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from accounts.models import User
from accounts.roles import has_role

from .models import ProofDocument
from .registry import Access, access_for


def record_label(document: ProofDocument) -> str:
    """"app_label.model" of the record a document belongs to (from the cached content types)."""
    content_type = ContentType.objects.get_for_id(document.content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def documents_of(record: models.Model) -> list[ProofDocument]:
    """Every document of `record`, newest first, withdrawn ones included (one query)."""
    return list(ProofDocument.objects
                .filter(content_type=ContentType.objects.get_for_model(record),
                        object_id=record.pk)
                .select_related("uploaded_by", "withdrawn_by"))


@dataclass(frozen=True)
class Permissions:
    can_view: bool
    can_upload: bool
    can_withdraw: bool


def permissions(user: User, access: Access | None) -> Permissions:
    if access is None:
        return Permissions(can_view=False, can_upload=False, can_withdraw=False)
    return Permissions(can_view=has_role(user, *access.view_roles),
                       can_upload=has_role(user, *access.upload_roles),
                       can_withdraw=has_role(user, *access.withdraw_roles))


def record_for(label: str, object_id: int, user: User, action: str) -> tuple[models.Model, Access]:
    """The registered record `label`/`object_id` that `user` may `action` ("view", "upload",
    "withdraw"): 404 when the model is not registered or the record does not exist, 403 when
    the user's role may not."""
    access = access_for(label)
    if access is None:
        raise Http404
    record = access.model._default_manager.filter(pk=object_id).first()
    if record is None:
        raise Http404
    if not getattr(permissions(user, access), f"can_{action}"):
        raise PermissionDenied
    return record, access


def access_for_document(document: ProofDocument) -> Access | None:
    return access_for(record_label(document))


def document_for(pk: int, user: User, action: str = "view", *,
                 withdrawn: bool = False) -> tuple[ProofDocument, models.Model]:
    """A document whose record still exists, and that `user` may `action`; withdrawn ones
    are not served (404) unless `withdrawn`."""
    documents = ProofDocument.objects.filter(pk=pk)
    if not withdrawn:
        documents = documents.filter(withdrawn_at__isnull=True)
    document = documents.first()
    if document is None:
        raise Http404
    record, _access = record_for(record_label(document), document.object_id, user, action)
    return document, record
