"""Helpers the meetings views share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from integrationsnetz.accounts.models import User
from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors
from integrationsnetz.meetings.models import Meeting


def acting_user(request: HttpRequest) -> User:
    """The logged-in user of a view behind ``login_required``."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form: on its field where there is one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def meeting_for(request: HttpRequest, pk: int, action: str = "view") -> Meeting:
    """The meeting with its programme, or 404 when it is missing or the user may not ``action`` it."""
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    policy.require(request.user, action, meeting)
    return meeting
