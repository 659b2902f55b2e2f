"""Access rules for users, memberships and the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from integrationsnetz.accounts.models import AuditLogEntry, Membership, User
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup


def _office(user: Any, obj: Any = None) -> bool:
    return scopes_of(user).is_office


_account_models: tuple[type[models.Model], ...] = (User, Membership)
for _model in _account_models:
    for _action in ("view", "create", "edit", "delete"):
        policy.rule(_action, _model)(_office)

# Regions and the shared vocabularies are public to read and kept by the coordinating office.
_vocabularies: tuple[type[models.Model], ...] = (Region, FieldOfAction, TargetGroup, Language)
for _model in _vocabularies:
    policy.rule("view", _model)(lambda user, obj: True)
    for _action in ("create", "edit", "delete"):
        policy.rule(_action, _model)(_office)


@policy.rule("view", AuditLogEntry)
def may_view_audit_log(user: Any, entry: Any) -> bool:
    """The office sees every entry, a coordinator those of objects in their regions."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not scopes.coordinated_paths:
        return False
    if isinstance(entry, AuditLogEntry):
        return any(scopes.coordinates(region.path) for region in entry.regions.all())
    return True  # the list page; the selector narrows it to the user's regions


@policy.rule("view_audit_log")
def may_open_audit_log(user: Any, obj: Any = None) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.coordinated_paths)
