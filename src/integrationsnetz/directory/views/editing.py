"""Pages to edit organisations, services and contacts; to apply, approve, confirm and import.

Every page asks the policy (``policy.require`` answers 404 to outsiders) and writes through
``directory.services``; none of them checks roles itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.models import Region
from integrationsnetz.directory import importing, selectors, services
from integrationsnetz.directory.forms import (
    ApplyForm,
    ContactPersonForm,
    ExternalIdentifierFormSet,
    LocationForm,
    NetworkMembershipFormSet,
    OrganisationForm,
    RejectForm,
    ServiceForm,
)
from integrationsnetz.directory.forms import ImportUploadForm as UploadForm
from integrationsnetz.directory.models import (
    ContactPerson,
    ImportBatch,
    JoinApplication,
    Location,
    Organisation,
    Service,
)


def _user(request: HttpRequest) -> Any:
    return request.user


def _editable_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("region", "parent"), slug=slug)
    policy.require(request.user, "edit", organisation)
    return organisation


def _seat_choices(user: Any, organisation: Organisation | None = None) -> QuerySet[Region]:
    """Regions a user may seat an organisation in: a coordinator only their own (and the current seat)."""
    scopes = scopes_of(user)
    regions = Region.objects.all()
    if scopes.is_office:
        return regions
    if organisation is not None and organisation.pk in scopes.edited_organisation_ids:
        return regions
    condition = Q(pk=organisation.region_id) if organisation is not None else Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisations = list(selectors.organisations_editable_by(user))
    return render(
        request,
        "directory/edit_my_organisations.html",
        {
            "organisations": organisations,
            "may_create": policy.can(user, "create", Organisation),
            "may_approve": policy.can(user, "approve", Organisation),
            "pending_applications": (
                JoinApplication.objects.filter(status=JoinApplication.Status.PENDING).count()
                if policy.can(user, "approve", Organisation)
                else 0
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "create", Organisation)
    form = OrganisationForm(request.POST or None, regions=_seat_choices(user))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=user, **form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The organisation “%(name)s” was added.") % {"name": organisation.name}
            )
            return redirect("directory:organisation_edit", slug=organisation.slug)
    return render(request, "directory/edit_organisation.html", {"form": form, "organisation": None})


def _formsets(request: HttpRequest, organisation: Organisation) -> tuple[Any, Any]:
    data = request.POST if request.method == "POST" else None
    networks = NetworkMembershipFormSet(
        data,
        prefix="networks",
        initial=[
            {"network": m.network, "since": m.since}
            for m in organisation.networkmembership_set.select_related("network").order_by("network__name")
        ],
    )
    identifiers = ExternalIdentifierFormSet(
        data,
        prefix="identifiers",
        initial=[
            {"scheme": e.scheme, "identifier": e.identifier}
            for e in organisation.external_identifiers.order_by("scheme", "identifier")
        ],
    )
    return networks, identifiers


def _kept(formset: Any) -> list[dict[str, Any]]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    organisation = _editable_organisation(request, slug)
    form = OrganisationForm(
        request.POST or None, instance=organisation, regions=_seat_choices(user, organisation)
    )
    networks, identifiers = _formsets(request, organisation)
    if request.method == "POST" and form.is_valid() and networks.is_valid() and identifiers.is_valid():
        try:
            expected = (
                datetime.fromisoformat(form.cleaned_data["updated_at"])
                if form.cleaned_data["updated_at"]
                else None
            )
        except ValueError:
            expected = None
        try:
            with transaction.atomic():
                organisation = services.organisation_update(
                    organisation=organisation,
                    actor=user,
                    expected_updated_at=expected,
                    **form.service_values(),
                )
                services.organisation_networks_set(
                    organisation=organisation,
                    actor=user,
                    memberships=[
                        (row["network"], row.get("since")) for row in _kept(networks) if row.get("network")
                    ],
                )
                services.organisation_external_identifiers_set(
                    organisation=organisation,
                    actor=user,
                    identifiers=[
                        (row["scheme"], row["identifier"]) for row in _kept(identifiers) if row.get("scheme")
                    ],
                )
        except ValidationError as error:
            form.add_error(None, error.messages if hasattr(error, "messages") else str(error))
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("directory:organisation_edit", slug=organisation.slug)
    return render(
        request,
        "directory/edit_organisation.html",
        {
            "form": form,
            "organisation": organisation,
            "networks": networks,
            "identifiers": identifiers,
            "services": organisation.services.order_by("name"),
            "locations": organisation.locations.order_by("name"),
            "contacts": organisation.contacts.order_by("position", "name"),
        },
    )


# --- Services, locations and contact persons ---------------------------------------------------------

CHILD_PAGES: dict[str, dict[str, Any]] = {
    "service": {
        "model": Service,
        "form": ServiceForm,
        "save": lambda organisation, actor, obj, values: services.service_save(
            organisation=organisation, actor=actor, service=obj, **values
        ),
        "delete": lambda obj, actor: services.service_delete(service=obj, actor=actor),
        "title_new": lambda: _("New service"),
        "title_edit": lambda: _("Edit service"),
    },
    "location": {
        "model": Location,
        "form": LocationForm,
        "save": lambda organisation, actor, obj, values: services.location_save(
            organisation=organisation, actor=actor, location=obj, **values
        ),
        "delete": lambda obj, actor: services.location_delete(location=obj, actor=actor),
        "title_new": lambda: _("New location"),
        "title_edit": lambda: _("Edit location"),
    },
    "contact": {
        "model": ContactPerson,
        "form": ContactPersonForm,
        "save": lambda organisation, actor, obj, values: services.contact_person_save(
            organisation=organisation, actor=actor, contact=obj, **values
        ),
        "delete": lambda obj, actor: services.contact_person_delete(contact=obj, actor=actor),
        "title_new": lambda: _("New contact person"),
        "title_edit": lambda: _("Edit contact person"),
    },
}


def _child(kind: str, organisation: Organisation, pk: int | None) -> Model | None:
    if pk is None:
        return None
    model: Any = CHILD_PAGES[kind]["model"]
    return get_object_or_404(model, pk=pk, organisation=organisation)


def child_edit_view(kind: str) -> Callable[..., HttpResponse]:
    page = CHILD_PAGES[kind]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
        user = _user(request)
        organisation = _editable_organisation(request, slug)
        obj = _child(kind, organisation, pk)
        policy.require(user, "edit" if obj else "create", obj or page["model"](organisation=organisation))
        form_kwargs: dict[str, Any] = {"instance": obj}
        if kind == "service":
            form_kwargs["organisation"] = organisation
        form = page["form"](request.POST or None, **form_kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                page["save"](organisation, user, obj, form.service_values())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect(
                    reverse("directory:organisation_edit", args=[organisation.slug]) + f"#{kind}s"
                )
        return render(
            request,
            f"directory/edit_{kind}.html",
            {
                "form": form,
                "organisation": organisation,
                "object": obj,
                "title": page["title_edit" if obj else "title_new"](),
                "consent_wording": services.CONSENT_WORDING,
            },
        )

    view.__name__ = f"{kind}_edit"
    return view


def child_delete_view(kind: str) -> Callable[..., HttpResponse]:
    page = CHILD_PAGES[kind]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        user = _user(request)
        organisation = _editable_organisation(request, slug)
        obj = _child(kind, organisation, pk)
        policy.require(user, "delete", obj)
        if request.method == "POST":
            page["delete"](obj, user)
            messages.success(request, _("“%(name)s” was deleted.") % {"name": getattr(obj, "name", str(obj))})
            return redirect(reverse("directory:organisation_edit", args=[organisation.slug]) + f"#{kind}s")
        return render(request, "directory/edit_delete.html", {"organisation": organisation, "object": obj})

    view.__name__ = f"{kind}_delete"
    return view


service_edit = child_edit_view("service")
service_delete = child_delete_view("service")
location_edit = child_edit_view("location")
location_delete = child_delete_view("location")
contact_edit = child_edit_view("contact")
contact_delete = child_delete_view("contact")


# --- Applications to join ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "apply", Organisation)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_apply(
                applicant=user, message=form.cleaned_data["message"], **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("directory:apply_done")
    return render(request, "directory/apply_form.html", {"form": form})


@login_required
def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/apply_done.html")


@login_required
def application_queue(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "approve", Organisation)
    applications = list(
        JoinApplication.objects.filter(status=JoinApplication.Status.PENDING)
        .select_related("organisation__region", "applicant")
        .order_by("created_at", "id")
    )
    return render(request, "directory/apply_queue.html", {"applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    application = get_object_or_404(
        JoinApplication.objects.select_related("organisation__region", "applicant"), pk=pk
    )
    policy.require(user, "approve", application.organisation)
    reject_form = RejectForm(request.POST if request.POST.get("decision") == "reject" else None)
    if request.method == "POST" and application.status == JoinApplication.Status.PENDING:
        try:
            if request.POST.get("decision") == "approve":
                services.application_approve(application=application, actor=user)
                messages.success(
                    request,
                    _("“%(name)s” is now listed; the applicant was told.")
                    % {"name": application.organisation.name},
                )
                return redirect("directory:application_queue")
            if request.POST.get("decision") == "reject" and reject_form.is_valid():
                services.application_reject(
                    application=application, actor=user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("The application of “%(name)s” was rejected; the applicant was told.")
                    % {"name": application.organisation.name},
                )
                return redirect("directory:application_queue")
        except ValidationError as error:
            reject_form.add_error(None, error)
    return render(
        request,
        "directory/apply_decide.html",
        {"application": application, "organisation": application.organisation, "reject_form": reject_form},
    )


# --- Yearly confirmation -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link of the confirmation e-mail: GET shows the question, POST confirms."""
    problem = ""
    organisation = None
    try:
        organisation_id = services.confirmation_token_read(token)
    except signing.SignatureExpired:
        problem = _(
            "This link has expired. Log in and edit your entry, or ask the coordinating office for a new link."
        )
    except signing.BadSignature:
        problem = _(
            "This link is not valid. Copy the whole link from the e-mail, or log in and edit your entry."
        )
    else:
        organisation = Organisation.objects.filter(
            pk=organisation_id, status=Organisation.Status.ACTIVE
        ).first()
        if organisation is None:
            problem = _("This entry is no longer in the directory.")
    if problem:
        return render(request, "directory/confirm_entry.html", {"problem": problem}, status=400)
    assert organisation is not None  # noqa: S101  # narrowed above
    if request.method == "POST":
        actor = request.user if request.user.is_authenticated else None
        services.organisation_confirm(organisation=organisation, actor=actor)
        return render(
            request, "directory/confirm_entry.html", {"organisation": organisation, "confirmed": True}
        )
    return render(request, "directory/confirm_entry.html", {"organisation": organisation, "token": token})


# --- Import -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy.require(user, "create", Organisation)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = importing.import_batch_create(owner=user, file_name=upload.name, data=upload.read())
        return redirect("directory:import_batch", pk=batch.pk)
    return render(
        request,
        "directory/import_upload.html",
        {"form": form, "columns": importing.COLUMN_HEADERS, "kinds": Organisation.Kind.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    policy.require(user, "create", Organisation)
    batch = get_object_or_404(ImportBatch, pk=pk, owner=user, kind=ImportBatch.Kind.ORGANISATIONS)
    if request.method == "POST":
        try:
            batch = importing.import_batch_apply(batch=batch, actor=user)
        except importing.BatchNotApplicable:
            messages.error(request, _("This import was applied already."))
        except ImportFailed:
            messages.error(
                request, _("Nothing was saved: the data changed since the check. See the problems below.")
            )
        else:
            messages.success(
                request,
                _("Imported: %(created)s new and %(updated)s changed organisations.")
                % {"created": batch.summary.get("created", 0), "updated": batch.summary.get("updated", 0)},
            )
        return redirect("directory:import_batch", pk=batch.pk)
    return render(request, "directory/import_batch.html", {"batch": batch})
