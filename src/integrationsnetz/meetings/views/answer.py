"""The personal links of an e-mail, which work without logging in: answer an invitation, see or cancel
a registration. The token in the URL is the signed id; a wrong or altered token gives 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors, services, tokens
from integrationsnetz.meetings.forms import RegistrationForm
from integrationsnetz.meetings.models import Invitation, Registration
from integrationsnetz.meetings.views.common import acting_user, add_errors, meeting_for


def _invitation(token: str) -> Invitation:
    pk = tokens.read_token(token, salt=tokens.INVITATION_SALT)
    invitation = (
        Invitation.objects.select_related("meeting__series__region", "organisation").filter(pk=pk).first()
        if pk
        else None
    )
    if invitation is None:
        raise Http404
    return invitation


def _registration(token: str) -> Registration:
    pk = tokens.read_token(token, salt=tokens.REGISTRATION_SALT)
    registration = (
        Registration.objects.select_related("meeting__series__region", "workshop").filter(pk=pk).first()
        if pk
        else None
    )
    if registration is None:
        raise Http404
    return registration


def _registration_path_token(registration: Registration) -> str:
    return tokens.make_token(registration.pk, salt=tokens.REGISTRATION_SALT)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    meeting = selectors.meeting_detail(pk=invitation.meeting_id)
    places = selectors.workshop_places_taken(meeting=meeting)
    registered = list(
        Registration.objects.filter(invitation=invitation)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("created_at")
    )
    initial = {
        "language": invitation.language or get_language(),
        "organisation_name": invitation.organisation.name if invitation.organisation else "",
    }
    if not registered:
        initial.update(name=invitation.name, email=invitation.email)
    form = RegistrationForm(request.POST or None, meeting=meeting, places=places, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                meeting=meeting,
                invitation=invitation,
                user=invitation.user,
                organisation=invitation.organisation,
                name=data["name"],
                email=data["email"],
                language=data["language"],
                organisation_name=data["organisation_name"],
                workshop=data.get("workshop"),
                accessibility_needs=data["accessibility_needs"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.info(request, _("The meeting is fully booked; you are on the waiting list."))
            else:
                messages.success(request, _("Thank you, you are registered."))
            return redirect("meetings:registration", token=_registration_path_token(registration))
    return render(
        request,
        "meetings/answer.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "form": form,
            "registered": [(r, _registration_path_token(r)) for r in registered],
            "registration_open": services.registration_is_open(meeting),
            "token": token,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """A logged-in member registers (themselves or a colleague) without an invitation link."""
    meeting = meeting_for(request, pk)
    user = acting_user(request)
    if not meeting.is_public and not policy.can(user, "edit", meeting):
        # Closed meetings take registrations only through their invitations.
        raise Http404
    places = selectors.workshop_places_taken(meeting=meeting)
    initial = {"name": user.get_full_name(), "email": user.email, "language": user.preferred_language}
    form = RegistrationForm(request.POST or None, meeting=meeting, places=places, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                meeting=meeting,
                user=user if data["email"].lower() == user.email.lower() else None,
                actor=user,
                name=data["name"],
                email=data["email"],
                language=data["language"],
                organisation_name=data["organisation_name"],
                workshop=data.get("workshop"),
                accessibility_needs=data["accessibility_needs"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The registration has been saved."))
            return redirect("meetings:registration", token=_registration_path_token(registration))
    return render(
        request,
        "meetings/register.html",
        {"meeting": meeting, "form": form, "registration_open": services.registration_is_open(meeting)},
    )


@require_POST
def decline(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    services.invitation_decline(invitation=invitation)
    messages.success(request, _("Thank you for letting us know that you cannot come."))
    return redirect("meetings:answer", token=token)


@require_http_methods(["GET", "POST"])
def registration(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("meetings:registration", token=token)
    return render(
        request,
        "meetings/registration.html",
        {"registration": registration, "meeting": registration.meeting, "token": token},
    )
