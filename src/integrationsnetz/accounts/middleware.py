"""Office and coordinator accounts (and everyone who turned TOTP on) must give their second factor.

Until they do, only the pages needed to give it (or to leave) are reachable: not the profile, the
audit log or the data export, which live under /konto/ too.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from integrationsnetz.accounts.second_factor import second_factor_required

# Pages outside accounts that a user without a verified second factor may still reach.
ALLOWED_PREFIXES = ("/static/", "/i18n/", "/healthz", "/datenschutz/", "/barrierefreiheit/")
# Account pages needed to give the second factor, to log out, or to reset a forgotten password.
ALLOWED_ACCOUNT_VIEWS = (
    "accounts:login",
    "accounts:logout",
    "accounts:second_factor",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
)


def _allowed(path: str) -> bool:
    if path.startswith(ALLOWED_PREFIXES):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in ALLOWED_ACCOUNT_VIEWS


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if second_factor_required(request) and not _allowed(request.path_info):
            return redirect(
                reverse("accounts:second_factor") + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)
