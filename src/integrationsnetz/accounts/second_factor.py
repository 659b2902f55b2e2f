"""When a session must still give its second factor; shared by the login view and the middleware."""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.models import ROLES_REQUIRING_SECOND_FACTOR
from integrationsnetz.accounts.scopes import scopes_of

# Set at login for users who turned TOTP on voluntarily; their role alone would not require it.
SECOND_FACTOR_PENDING = "accounts_second_factor_pending"


def second_factor_required(request: Any) -> bool:
    """True while an authenticated user who needs a second factor has not given it in this session."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if request.session.get(SECOND_FACTOR_PENDING):
        return True
    return bool(scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR)
