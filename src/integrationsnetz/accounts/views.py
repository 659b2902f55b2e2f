"""Login with the second factor, password reset, the profile, personal data and the audit log.

Views stay thin: they parse input, ask the policy, call a service or selector and render.
"""

from __future__ import annotations

import json
from base64 import b32encode
from typing import Any

import segno
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrationsnetz.accounts import selectors, services
from integrationsnetz.accounts.forms import (
    AuditLogFilterForm,
    LoginForm,
    PasswordConfirmForm,
    PasswordResetForm,
    ProfileForm,
    SecondFactorForm,
    SecondFactorSetupForm,
)
from integrationsnetz.accounts.models import ROLES_REQUIRING_SECOND_FACTOR, User
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.accounts.second_factor import SECOND_FACTOR_PENDING
from integrationsnetz.core import policy

# Session keys: the TOTP secret being set up (until confirmed) and backup codes waiting to be shown once.
SETUP_KEY_SESSION = "accounts_totp_setup_key"
BACKUP_CODES_SESSION = "accounts_backup_codes"
AUDIT_LOG_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101  (login_required ran before)
    return user


def _safe_next(request: HttpRequest, default: str = "accounts:profile") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _with_language_cookie(response: HttpResponseBase, language: str) -> HttpResponseBase:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        if _needs_second_factor(user):
            # Remembered in the session so that the middleware asks for the code on every page
            # until it is given, also for people who turned the second factor on voluntarily.
            self.request.session[SECOND_FACTOR_PENDING] = True
            target = reverse("accounts:second_factor") + "?" + urlencode({"next": self.get_success_url()})
            response = HttpResponseRedirect(target)
        _with_language_cookie(response, user.preferred_language)
        return response


def _needs_second_factor(user: User) -> bool:
    return bool(scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR) or selectors.user_has_totp(user=user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the code, or set up the authenticator app when the user has none yet."""
    user = _user(request)
    next_url = _safe_next(request)
    if user.is_verified():  # type: ignore[attr-defined]
        if selectors.user_has_totp(user=user):
            return redirect(next_url)
        return _second_factor_setup(request, user, next_url)
    if selectors.user_has_totp(user=user):
        return _second_factor_verify(request, user, next_url)
    return _second_factor_setup(request, user, next_url)


def _second_factor_verify(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    form = SecondFactorForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        request.session.pop(SECOND_FACTOR_PENDING, None)
        request.session.cycle_key()
        return redirect(next_url)
    return render(request, "accounts/second_factor_verify.html", {"form": form, "next": next_url})


def _second_factor_setup(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    key = request.session.get(SETUP_KEY_SESSION)
    if not key:
        key = services.totp_new_key()
        request.session[SETUP_KEY_SESSION] = key
    form = SecondFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.second_factor_enable(
                user=user, key=key, token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form.add_error("token", error)
        else:
            otp_login(request, device)
            request.session.pop(SETUP_KEY_SESSION, None)
            request.session.pop(SECOND_FACTOR_PENDING, None)
            request.session.cycle_key()
            request.session[BACKUP_CODES_SESSION] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(reverse("accounts:backup_codes") + "?" + urlencode({"next": next_url}))
    preview = TOTPDevice(user=user, key=key, name=services.TOTP_DEVICE_NAME)
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        "qr_code": _qr_svg(preview.config_url),
        "secret": _grouped(_base32(preview.bin_key)),
        "required": bool(scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR),
    }
    return render(request, "accounts/second_factor_setup.html", context)


def _qr_svg(data: str) -> str:
    # Inline SVG: no request to another host and nothing the Content-Security-Policy must allow.
    svg: str = segno.make(data, micro=False).svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", title=_("QR code for your authenticator app")
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _base32(key: bytes) -> str:
    return b32encode(key).decode("ascii").rstrip("=")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, shown once: they are taken out of the session as they are displayed."""
    codes = request.session.pop(BACKUP_CODES_SESSION, None)
    if not codes:
        return redirect("accounts:profile")
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": _safe_next(request)})


def _require_verified(user: User) -> None:
    if not user.is_verified():  # type: ignore[attr-defined]
        raise Http404


@never_cache
@login_required
@require_POST
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_verified(user)
    if not selectors.user_has_totp(user=user):
        raise Http404
    request.session[BACKUP_CODES_SESSION] = services.backup_codes_renew(user=user)
    return redirect("accounts:backup_codes")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_disable(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_verified(user)
    if not selectors.user_has_totp(user=user) or scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR:
        raise Http404
    form = PasswordConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.second_factor_disable(user=user)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:profile")
    return render(request, "accounts/second_factor_disable.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your details have been saved."))
        response = redirect("accounts:profile")
        _with_language_cookie(response, user.preferred_language)
        return response
    context = {
        "form": form,
        "memberships": selectors.membership_list(user=user),
        "has_totp": selectors.user_has_totp(user=user),
        "second_factor_required": bool(scopes_of(user).roles & ROLES_REQUIRING_SECOND_FACTOR),
        "may_view_audit_log": policy.can(user, "view_audit_log"),
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def personal_data_export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    data = selectors.personal_data_export(user=user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"integrationsnetz-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. We have sent you a confirmation."))
            return redirect("core:home")
    return render(request, "accounts/account_delete.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def audit_log(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "view_audit_log")
    form = AuditLogFilterForm(request.GET or None, object_types=selectors.audit_log_object_types(user=user))
    entries = selectors.audit_log_list(user=user, filters=form.filters())
    page = Paginator(entries, AUDIT_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"entry": entry, "object_type": selectors.object_type_name(entry.object_type)}
        for entry in page.object_list
    ]
    return render(request, "accounts/audit_log.html", {"form": form, "page": page, "rows": rows})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever can read the mailbox may log in again at once: the reset ends a lock-out.
        axes_reset(username=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
