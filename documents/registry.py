"""Which models take proof documents, and who may see, upload and withdraw them.

An app declares its own models in its AppConfig.ready():

    documents.register(HardshipWorker, view_roles=READERS, upload_roles=EDITORS)

so that `documents` knows the models only by their label and never imports a domain app.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True, kw_only=True)
class Access:
    """The roles (accounts.roles names) allowed each action on one model's documents."""

    model: type[models.Model]
    view_roles: tuple[str, ...]
    upload_roles: tuple[str, ...]
    withdraw_roles: tuple[str, ...]
    kinds: tuple[str, ...] | None  # the kinds offered for this model; None: every kind


_registry: dict[str, Access] = {}


def register(model: type[models.Model], *, view_roles, upload_roles, withdraw_roles=None,
             kinds=None) -> None:
    """Let `model`'s records take proof documents. Roles are tuples of role names; withdrawing
    defaults to the roles that upload."""
    if not view_roles or not upload_roles:
        raise ValueError("documents.register needs view_roles and upload_roles")
    if not hasattr(model, "get_absolute_url"):
        raise ValueError(f"{model._meta.label} needs get_absolute_url(): its page shows the "
                         f"documents and every upload or withdrawal returns to it")
    _registry[model._meta.label_lower] = Access(
        model=model, view_roles=tuple(view_roles), upload_roles=tuple(upload_roles),
        withdraw_roles=tuple(withdraw_roles or upload_roles),
        kinds=tuple(kinds) if kinds is not None else None)


def access_for(model_or_label) -> Access | None:
    """The registration of a model (class, instance or "app_label.model"), or None."""
    if isinstance(model_or_label, str):
        label = model_or_label.lower()
    else:
        label = model_or_label._meta.label_lower
    return _registry.get(label)


def registered_labels() -> list[str]:
    return sorted(_registry)
