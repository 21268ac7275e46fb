"""`{% load proof_documents %}{% documents_panel worker %}`: a record's proof documents (list,
thumbnails, links, upload form) on its page, for the roles its app registered."""

from django import template
from django.urls import reverse

from ..forms import UploadForm
from ..registry import access_for
from ..selectors import documents_of, permissions

register = template.Library()


@register.inclusion_tag("documents/_panel.html", takes_context=True)
def documents_panel(context, record):
    request = context["request"]
    access = access_for(record)
    allowed = permissions(request.user, access)
    if not allowed.can_view:
        return {"shown": False}
    documents = documents_of(record)
    return {
        "shown": True,
        "record": record,
        "documents": [d for d in documents if not d.is_withdrawn],
        "withdrawn": [d for d in documents if d.is_withdrawn],
        "permissions": allowed,
        "form": UploadForm(kinds=access.kinds) if allowed.can_upload else None,
        "upload_url": reverse("documents:upload",
                              args=[record._meta.label_lower, record.pk]),
        "csrf_token": context.get("csrf_token"),
    }
