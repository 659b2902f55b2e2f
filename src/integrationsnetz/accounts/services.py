"""Writes that belong to accounts: memberships, the audit log, personal data export and deletion."""

from __future__ import annotations

from binascii import unhexlify
from collections.abc import Iterable
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from integrationsnetz.accounts import personal_data
from integrationsnetz.accounts.models import (
    ROLES_REQUIRING_SECOND_FACTOR,
    AuditLogEntry,
    Membership,
    Role,
    User,
)
from integrationsnetz.accounts.scopes import forget_scopes, scopes_of
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
    regions: Iterable[Region | None] = (),
) -> AuditLogEntry:
    """Record ``action`` on ``obj``; ``regions`` are the regions whose log shows it (None and repeats are
    left out, so a change that moves an object may simply name the region before and after)."""
    entry = AuditLogEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
    )
    region_list = list({region.pk: region for region in regions if region is not None}.values())
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


def _office_admin_count() -> int:
    return (
        Membership.objects.filter(role=Role.OFFICE_ADMIN, user__is_active=True)
        .values("user_id")
        .distinct()
        .count()
    )


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User | None = None) -> None:
    """Remove a role. The network must keep at least one office admin, or nobody could grant roles again."""
    holder = membership.user  # the caller's object, whose cached scopes must be dropped
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("region", "organisation")
        .get(pk=membership.pk)
    )
    if membership.role == Role.OFFICE_ADMIN and _office_admin_count() <= 1:
        raise ValidationError(
            _("The last office admin cannot be removed. Grant the role to someone else first."),
            code="last_office_admin",
        )
    audit_log_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        obj=membership,
        changes={
            "role": [membership.role, None],
            "scope": [str(membership.region or membership.organisation or ""), None],
        },
        regions=[membership.region] if membership.region else [],
    )
    membership.delete()
    forget_scopes(holder)


PROFILE_FIELDS = ("full_name", "preferred_language")


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, preferred_language: str) -> User:
    before = snapshot(user, fields=PROFILE_FIELDS)
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(PROFILE_FIELDS))
    changes = diff(before, snapshot(user, fields=PROFILE_FIELDS))
    if changes:
        audit_log_record(actor=user, action=AuditLogEntry.Action.UPDATE, obj=user, changes=changes)
    return user


# Backup codes shown once when the second factor is set up or the codes are renewed.
BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup"
TOTP_DEVICE_NAME = "authenticator"


def totp_new_key() -> str:
    """A fresh TOTP secret (hex), kept in the session until the user proves their app has it."""
    return default_key()


def totp_key_matches(*, key: str, token: str) -> int | None:
    """The time step at which ``token`` is valid for ``key`` (one step of clock drift allowed), else None."""
    token = "".join(token.split())
    if not token.isdigit() or len(token) != 6:
        return None
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6)
    return totp.t() if totp.verify(int(token), tolerance=1) else None


def _backup_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user, name=BACKUP_DEVICE_NAME).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def second_factor_enable(*, user: User, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm a TOTP secret with a code from the user's app; returns the device and fresh backup codes."""
    step = totp_key_matches(key=key, token=token)
    if step is None:
        raise ValidationError(
            _("This code is not valid. Enter the current 6-digit code from your app."), code="invalid"
        )
    TOTPDevice.objects.filter(user=user).delete()
    # last_t is the step just used, so the same code cannot log in a second time.
    device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True, last_t=step)
    codes = _backup_codes_replace(user)
    audit_log_record(
        actor=user, action=AuditLogEntry.Action.UPDATE, obj=user, changes={"second_factor": ["off", "on"]}
    )
    return device, codes


@transaction.atomic
def backup_codes_renew(*, user: User) -> list[str]:
    codes = _backup_codes_replace(user)
    audit_log_record(
        actor=user,
        action=AuditLogEntry.Action.UPDATE,
        obj=user,
        changes={"backup_codes": ["", "renewed"]},
    )
    return codes


@transaction.atomic
def second_factor_disable(*, user: User) -> None:
    """Turn the second factor off, for users whose roles do not require it."""
    if scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR:
        raise ValidationError(
            _("Your role requires a second factor; it cannot be turned off."), code="required"
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user, name=BACKUP_DEVICE_NAME).delete()
    audit_log_record(
        actor=user, action=AuditLogEntry.Action.UPDATE, obj=user, changes={"second_factor": ["on", "off"]}
    )


def _send_account_deleted_mail(*, email: str, name: str, language: str) -> None:
    with translation.override(language):
        context = {"name": name, "site_url": settings.SITE_URL}
        subject = render_to_string("accounts/email/account_deleted_subject.txt", context).strip()
        body = render_to_string("accounts/email/account_deleted.txt", context)
    EmailMessage(subject, body, None, [email], headers={"Content-Language": language}).send()


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and everything registered apps hold about the person.

    Audit entries the person wrote stay (their actor becomes NULL through SET_NULL): the office must
    still see what changed. Entries *about* the account lose the name and address they showed.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if scopes_of(user).is_office and _office_admin_count() <= 1:
        raise ValidationError(
            _(
                "You are the last office admin. Grant the office admin role to someone else "
                "before you delete your account."
            ),
            code="last_office_admin",
        )
    email, name, language, user_id = user.email, user.get_full_name(), user.preferred_language, user.pk
    personal_data.erase_all(user)
    membership_ids = [str(pk) for pk in Membership.objects.filter(user=user).values_list("pk", flat=True)]
    placeholder = f"deleted user #{user_id}"
    AuditLogEntry.objects.filter(object_type="accounts.user", object_id=str(user_id)).update(
        object_repr=placeholder, changes={}
    )
    AuditLogEntry.objects.filter(object_type="accounts.membership", object_id__in=membership_ids).update(
        object_repr=placeholder
    )
    # Login records of django-axes hold the address, IP address and browser of the person.
    AccessAttempt.objects.filter(username=email).delete()
    AccessLog.objects.filter(username=email).delete()
    AccessFailureLog.objects.filter(username=email).delete()
    Membership.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    AuditLogEntry.objects.create(
        actor=None,
        action=AuditLogEntry.Action.DELETE,
        object_type="accounts.user",
        object_id=str(user_id),
        object_repr=placeholder,
    )
    user.delete()
    forget_scopes(user)
    transaction.on_commit(
        lambda: _send_account_deleted_mail(email=email, name=name, language=language), robust=True
    )


def second_factor_verify(*, user: User, token: str) -> Device:
    """The device that accepts ``token`` (an app code or an unused backup code), else ValidationError.

    Each wrong code makes django-otp wait longer before the device accepts the next one
    (OTP_TOTP_THROTTLE_FACTOR), which stops guessing the 6 digits; the failure count must therefore
    be committed, so the error is raised only after the transaction has ended.
    """
    device, throttled = _second_factor_match(user=user, token="".join(token.split()).lower())
    if device is not None:
        return device
    if throttled:
        raise ValidationError(
            _("Too many wrong codes. Please wait a minute, then enter the current code."), code="throttled"
        )
    raise ValidationError(_("This code is not valid. Please try again."), code="invalid")


@transaction.atomic
def _second_factor_match(*, user: User, token: str) -> tuple[Device | None, bool]:
    # Devices are locked while checking so that one code cannot be used twice by parallel requests.
    throttled = False
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(token):
            return device, throttled
    return None, throttled
