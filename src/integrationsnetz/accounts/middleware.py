"""Office and coordinator accounts must confirm a TOTP second factor before they may act."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from integrationsnetz.accounts.models import ROLES_REQUIRING_SECOND_FACTOR
from integrationsnetz.accounts.scopes import scopes_of

# Paths a user without a verified second factor may still reach.
ALLOWED_PREFIXES = ("/konto/", "/static/", "/i18n/", "/healthz", "/datenschutz/", "/barrierefreiheit/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]  # set by django-otp
            and scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            return redirect(reverse("accounts:second_factor") + "?next=" + request.path)
        return self.get_response(request)
