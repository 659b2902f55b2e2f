"""Writes that belong to accounts: memberships, the audit log, personal data export and deletion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role, User
from integrationsnetz.accounts.scopes import forget_scopes
from integrationsnetz.core.models import Region


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of a row: plain fields as text, many-to-many fields as sorted text lists."""
    values: dict[str, Any] = {}
    for field in instance._meta.get_fields():
        if fields is not None and field.name not in fields:
            continue
        if getattr(field, "many_to_many", False) and not getattr(field, "auto_created", False):
            if instance.pk is None:
                values[field.name] = []
            else:
                values[field.name] = sorted(str(item) for item in getattr(instance, field.name).all())
        elif getattr(field, "concrete", False) and not getattr(field, "auto_created", False):
            if not getattr(field, "editable", True):
                continue
            value = getattr(instance, field.attname)  # type: ignore[union-attr]
            values[field.name] = "" if value is None else str(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def audit_log_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    regions: Iterable[Region] = (),
) -> AuditLogEntry:
    entry = AuditLogEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
    )
    region_list = [region for region in regions if region is not None]
    if region_list:
        entry.regions.set(region_list)
    return entry


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: str,
    region: Region | None = None,
    organisation: models.Model | None = None,
    actor: User | None = None,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user,
        role=Role(role),
        region=region,
        organisation=organisation,
    )
    if created:
        audit_log_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE,
            obj=membership,
            changes={"role": [None, role], "scope": [None, str(region or organisation or "")]},
            regions=[region] if region else [],
        )
    forget_scopes(user)
    return membership
