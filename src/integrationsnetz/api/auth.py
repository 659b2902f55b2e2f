"""Authentication and shared response maps of /api/v1, used by api/v1.py and every app's api.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from integrationsnetz.api.schemas import ErrorOut, ValidationErrorOut
from integrationsnetz.api.services import api_token_user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the request then acts as the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return api_token_user(token.strip())


# Reads are public unless an endpoint says otherwise; policy decisions for them use this user.
PUBLIC = AnonymousUser()
READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ValidationErrorOut}
# 400: a body that is not JSON at all; 422: JSON that does not fit.
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
