"""Helpers for account tests: TOTP codes computed the way an authenticator app does."""

from __future__ import annotations

from binascii import unhexlify

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrationsnetz.accounts.models import User


def code_for(key_hex: str, drift: int = 0) -> str:
    """The 6-digit code for ``key_hex`` now (``drift=1``: the next 30-second step)."""
    return f"{totp(unhexlify(key_hex), drift=drift):06d}"


def totp_device(user: User) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device
