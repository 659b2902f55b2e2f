"""Reads of accounts data that pages, the admin and the personal data export share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrationsnetz.accounts import personal_data
from integrationsnetz.accounts.models import AuditLogEntry, Membership, User
from integrationsnetz.accounts.scopes import scopes_of

PERSONAL_DATA_FORMAT = "integrationsnetz-personal-data/1"


def membership_list(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("region", "organisation")
        .order_by("role", "region__name", "organisation__name")
    )


def user_has_totp(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


@dataclass(frozen=True)
class AuditLogFilters:
    object_type: str = ""
    actor: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def audit_log_visible_to(user: Any) -> QuerySet[AuditLogEntry]:
    """Every entry ``user`` may read: all for the office, those touching their regions for coordinators.

    An entry belongs to a coordinator's area when one of its regions lies in (or is) a region they
    coordinate; ``Exists`` keeps one row per entry without DISTINCT, so paging and ordering stay cheap.
    """
    scopes = scopes_of(user)
    entries = AuditLogEntry.objects.all()
    if scopes.is_office:
        return entries
    if not scopes.coordinated_paths:
        return entries.none()
    in_area = Q()
    for path in scopes.coordinated_paths:
        in_area |= Q(region__path__startswith=path)
    links = AuditLogEntry.regions.through.objects.filter(in_area, auditlogentry_id=OuterRef("pk"))
    return entries.filter(Exists(links))


def audit_log_list(*, user: Any, filters: AuditLogFilters | None = None) -> QuerySet[AuditLogEntry]:
    """The audit log page: visible entries, filtered, newest first, with actor and regions preloaded."""
    filters = filters or AuditLogFilters()
    entries = audit_log_visible_to(user)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.actor:
        entries = entries.filter(
            Q(actor__email__icontains=filters.actor) | Q(actor__full_name__icontains=filters.actor)
        )
    tz = timezone.get_current_timezone()
    if filters.date_from:
        start = datetime.datetime.combine(filters.date_from, datetime.time.min, tzinfo=tz)
        entries = entries.filter(created_at__gte=start)
    if filters.date_to:
        end = datetime.datetime.combine(
            filters.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        entries = entries.filter(created_at__lt=end)
    return entries.select_related("actor").prefetch_related("regions").order_by("-created_at", "-id")


def audit_log_object_types(*, user: Any) -> list[tuple[str, str]]:
    """``(label_lower, readable name)`` of the object types in the entries ``user`` may read (one query)."""
    labels = audit_log_visible_to(user).order_by().values_list("object_type", flat=True).distinct()
    return sorted(
        ((label, object_type_name(label)) for label in labels), key=lambda choice: choice[1].lower()
    )


def object_type_name(label: str) -> str:
    """The model's verbose name for ``app_label.model_name``; the label itself for models that are gone."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def _isoformat(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything held about ``user``, JSON-serialisable. Never the password hash or OTP secrets."""
    memberships = [
        {
            "role": membership.role,
            "role_label": str(membership.get_role_display()),
            "region": membership.region.name if membership.region else None,
            "region_key": membership.region.key if membership.region else None,
            "organisation": membership.organisation.name if membership.organisation else None,
            "since": _isoformat(membership.created_at),
        }
        for membership in membership_list(user=user)
    ]
    audit_log = [
        {
            "time": _isoformat(entry.created_at),
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "object": entry.object_repr,
            "changes": entry.changes,
        }
        for entry in AuditLogEntry.objects.filter(actor_id=user.pk).order_by("created_at", "id")
    ]
    otp_devices = [
        {
            "kind": device._meta.model_name,
            "name": device.name,
            "confirmed": device.confirmed,
        }
        for device in devices_for_user(user, confirmed=None)
    ]
    login_records = {
        "successful_logins": [
            {
                "time": _isoformat(record.attempt_time),
                "logout_time": _isoformat(record.logout_time),
                "ip_address": record.ip_address,
                "user_agent": record.user_agent,
            }
            for record in AccessLog.objects.filter(username=user.email).order_by("attempt_time")
        ],
        "failed_logins": [
            {
                "last_time": _isoformat(record.attempt_time),
                "failures": record.failures_since_start,
                "ip_address": record.ip_address,
                "user_agent": record.user_agent,
            }
            for record in AccessAttempt.objects.filter(username=user.email).order_by("attempt_time")
        ],
    }
    export: dict[str, Any] = {
        "format": PERSONAL_DATA_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "is_active": user.is_active,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "date_joined": _isoformat(user.date_joined),
            "last_login": _isoformat(user.last_login),
        },
        "memberships": memberships,
        "audit_log": audit_log,
        "otp_devices": otp_devices,
        "login_records": login_records,
    }
    export.update(personal_data.export_all(user))
    return export
