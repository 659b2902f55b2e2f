"""Input validation for the account pages; the decisions themselves live in services and policies."""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts import services
from integrationsnetz.accounts.models import User
from integrationsnetz.accounts.selectors import AuditLogFilters

logger = logging.getLogger(__name__)


class LoginForm(auth_forms.AuthenticationForm):
    """E-mail and password. The field keeps Django's name ``username``, which django-axes watches."""

    username = auth_forms.UsernameField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not correct."),
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case; counting failures per typed spelling would let an
        # attacker escape the lock-out by changing the case.
        return str(self.cleaned_data["username"]).strip().lower()


class SecondFactorForm(forms.Form):
    """A code from the authenticator app or one of the backup codes."""

    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Any = None

    def clean_token(self) -> str:
        token = str(self.cleaned_data["token"])
        self.device = services.second_factor_verify(user=self.user, token=token)
        return token


class SecondFactorSetupForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your app"),
        max_length=10,
        help_text=_(
            "After scanning, your app shows a new 6-digit code every 30 seconds. Enter the current one."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class PasswordConfirmForm(forms.Form):
    """Asks for the current password before an irreversible step."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="password_incorrect")
        return password


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, but the mail is written in the recipient's preferred language."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        language = getattr(context.get("user"), "preferred_language", None) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        message = EmailMessage(subject, body, from_email, [to_email], headers={"Content-Language": language})
        try:
            message.send()
        except Exception:
            # Like Django's own form: the page must not reveal whether the address exists.
            logger.exception("Failed to send the password reset e-mail to user %s", context["user"].pk)


class AuditLogFilterForm(forms.Form):
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    actor = forms.CharField(label=_("Changed by"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, object_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All")), *object_types]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> AuditLogFilters:
        if not self.is_bound:
            return AuditLogFilters()
        # Fields that failed validation are left out; the valid ones still narrow the list.
        self.is_valid()
        data = self.cleaned_data
        return AuditLogFilters(
            object_type=data.get("object_type") or "",
            actor=(data.get("actor") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
