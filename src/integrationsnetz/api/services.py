"""Writes of the api app: issuing, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from integrationsnetz.accounts.models import User
from integrationsnetz.api.models import ApiToken

TOKEN_PREFIX = "inz_"  # noqa: S105  # a marker that makes leaked tokens easy to find, no secret
# Writing ``last_used_at`` on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Issue a token for ``user``; returns the row and the plain token, which is never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=_hash(plain), prefix=plain[:12], expires_at=expires_at)
    token.full_clean()
    token.save()
    return token, plain


def api_token_user(plain: str) -> User | None:
    """The active user a valid token belongs to, or None (unknown, revoked, expired, inactive user)."""
    if not plain or len(plain) > 200 or "\x00" in plain:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_hash(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
