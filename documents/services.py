"""Every write of proof documents: upload (checked by content, stored under a random name,
an image's thumbnail made) and withdrawal (the file kept, the act recorded)."""

import hashlib
import io

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from accounts.models import User
from accounts.roles import has_role

from . import sniffing
from .filenames import clean_filename
from .models import ProofDocument
from .registry import access_for
from .selectors import record_label
from .storage import documents_storage, new_key

THUMBNAIL_SIZE = (240, 240)


def document_upload(*, record: models.Model, kind: str, content: bytes, filename: str,
                    notes: str = "", by: User) -> ProofDocument:
    """Attach the file `content` to `record`; refuses (ValidationError) what is not a PDF or an
    image by its content, a file already attached to it, and (PermissionDenied) a user whose
    role may not upload to this kind of record."""
    access = access_for(record)
    if access is None or not has_role(by, *access.upload_roles):
        raise PermissionDenied
    detected = sniffing.detect(content)
    digest = hashlib.sha256(content).hexdigest()
    content_type = ContentType.objects.get_for_model(record)
    if ProofDocument.objects.filter(content_type=content_type, object_id=record.pk,
                                    sha256=digest, withdrawn_at__isnull=True).exists():
        raise ValidationError({"file": _("This file is already attached to this record.")})
    document = ProofDocument(
        content_type=content_type, object_id=record.pk, kind=kind,
        filename=sniffing.download_name(clean_filename(filename), detected),
        media_type=detected.media_type, size=len(content), sha256=digest, notes=notes,
        uploaded_by=by, storage_key=new_key(detected.extension))
    document.full_clean(exclude=["storage_key"])
    storage = documents_storage()
    saved = []
    try:
        saved.append(storage.save(document.storage_key, ContentFile(content)))
        document.storage_key = saved[0]
        if detected.is_image:
            document.thumbnail_key = storage.save(new_key(".jpg", "thumbnails"),
                                                  ContentFile(thumbnail(content)))
            saved.append(document.thumbnail_key)
        document._history_user = by  # the audit names the user outside a request too
        with transaction.atomic():
            document.save()
    except BaseException:
        for key in saved:  # no file without its row
            storage.delete(key)
        raise
    return document


def thumbnail(content: bytes) -> bytes:
    """A JPEG at most 240 px on its longer side, turned as the camera was held."""
    with Image.open(io.BytesIO(content)) as image:
        small = ImageOps.exif_transpose(image)
        small.thumbnail(THUMBNAIL_SIZE)
        if small.mode not in ("RGB", "L"):
            background = Image.new("RGB", small.size, "white")
            rgba = small.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            small = background
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80)
    return out.getvalue()


def document_withdraw(*, document_id: int, reason: str, by: User) -> ProofDocument:
    """Withdraw a document (attached by mistake, replaced): it leaves the record's list, its
    file is kept, and who, when and why are recorded in its audit trail."""
    with transaction.atomic():
        document = ProofDocument.objects.select_for_update().get(pk=document_id)
        access = access_for(record_label(document))
        if access is None or not has_role(by, *access.withdraw_roles):
            raise PermissionDenied
        if document.is_withdrawn:
            return document
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": _("Say why the document is withdrawn.")})
        document.withdrawn_at = timezone.now()
        document.withdrawn_by = by
        document.withdrawal_reason = reason
        document.full_clean()
        document._history_user = by
        document.save()
        return document
