"""Pages for the organiser of a meeting: edit, invite, registrations, check-in, exports, results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.meetings import exports, selectors, services
from integrationsnetz.meetings.forms import (
    DocumentForm,
    MeetingForm,
    ProgrammeItemForm,
    ResultsForm,
    TopicAnswerForm,
    WorkshopForm,
)
from integrationsnetz.meetings.models import (
    Meeting,
    MeetingSeries,
    ProgrammeItem,
    Registration,
    TopicProposal,
)
from integrationsnetz.meetings.views.common import acting_user, add_errors, meeting_for

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                meeting=meeting,
                actor=acting_user(request),
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:manage", pk=meeting.pk)
    return render(request, "meetings/edit.html", {"meeting": meeting, "form": form})


@require_GET
@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    return render(
        request,
        "meetings/manage.html",
        {
            "meeting": meeting,
            "attendance": selectors.meeting_attendance(meeting=meeting),
            "invitations": selectors.invitation_list(meeting=meeting),
            "registrations": selectors.registration_list(meeting=meeting, include_cancelled=True),
            "document_form": DocumentForm(),
            "results_form": ResultsForm(),
            "programme_form": ProgrammeItemForm(prefix="programme", user=request.user),
            "workshop_form": WorkshopForm(prefix="workshop"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(MeetingSeries.objects.select_related("region"), slug=slug)
    policy.require(request.user, "edit", series)
    form = MeetingForm(
        request.POST or None, initial={"status": Meeting.Status.SAVE_THE_DATE, "is_public": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                series=series,
                actor=acting_user(request),
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting has been created."))
            return redirect("meetings:manage", pk=meeting.pk)
    return render(request, "meetings/create.html", {"series": series, "form": form})


def _programme_values(form: ProgrammeItemForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "starts_at": data["starts_at"],
        "title": data["title"],
        "speakers": data["speakers"],
        "speaker_contacts": list(data["speaker_contacts"]),
    }


def _programme_page(
    request: HttpRequest, *, meeting: Meeting, item: ProgrammeItem | None, initial: dict[str, Any]
) -> HttpResponse | ProgrammeItemForm:
    """The bound form when it is valid and should be saved; otherwise the page to show.

    "Search" (``action=search``) only narrows the list of directory people: the page comes back
    with everything entered, unvalidated. "Save" is the form's first button, so Enter in any field
    saves; Enter in the search field after typing a new term (not searched yet) searches instead.
    """
    user = acting_user(request)
    form = ProgrammeItemForm(request.POST or None, prefix="programme", user=user, initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "search" or form.search_pending():
            form = ProgrammeItemForm(initial=form.entered_values(), prefix="programme", user=user)
        elif form.is_valid():
            return form
        else:
            status = 400
    return render(
        request,
        "meetings/programme_item.html",
        {"meeting": meeting, "item": item, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    outcome = _programme_page(request, meeting=meeting, item=None, initial={})
    if isinstance(outcome, HttpResponse):
        return outcome
    services.programme_item_add(meeting=meeting, actor=acting_user(request), **_programme_values(outcome))
    messages.success(request, _("The programme item has been added."))
    return redirect("meetings:manage", pk=meeting.pk)


def _programme_item_for(request: HttpRequest, pk: int) -> ProgrammeItem:
    """The item, or 404 when it is missing or the user may not edit its meeting."""
    item = get_object_or_404(ProgrammeItem.objects.select_related("meeting__series__region"), pk=pk)
    policy.require(request.user, "edit", item.meeting)
    return item


@require_http_methods(["GET", "POST"])
@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _programme_item_for(request, pk)
    initial = {
        "kind": item.kind,
        "starts_at": item.starts_at,
        "title": item.title,
        "speakers": item.speakers,
        "speaker_contacts": list(item.speaker_links.values_list("contact_id", flat=True)),
    }
    outcome = _programme_page(request, meeting=item.meeting, item=item, initial=initial)
    if isinstance(outcome, HttpResponse):
        return outcome
    services.programme_item_update(item=item, actor=acting_user(request), **_programme_values(outcome))
    messages.success(request, _("The programme item has been saved."))
    return redirect("meetings:manage", pk=item.meeting_id)


@require_POST
@login_required
def programme_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _programme_item_for(request, pk)
    direction = request.POST.get("direction", "")
    if direction not in (services.Direction.UP, services.Direction.DOWN):
        raise Http404
    if services.programme_item_move(item=item, actor=acting_user(request), direction=direction):
        messages.success(request, _("“%(title)s” has been moved.") % {"title": item.title})
    return redirect(f"{reverse('meetings:manage', args=[item.meeting_id])}#programme-item-{item.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def programme_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _programme_item_for(request, pk)
    if request.method == "POST":
        services.programme_item_remove(item=item, actor=acting_user(request))
        messages.success(
            request, _("“%(title)s” has been removed from the programme.") % {"title": item.title}
        )
        return redirect("meetings:manage", pk=item.meeting_id)
    return render(request, "meetings/programme_remove.html", {"item": item, "meeting": item.meeting})


@require_POST
@login_required
def workshop_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    form = WorkshopForm(request.POST, prefix="workshop")
    if form.is_valid():
        services.workshop_add(meeting=meeting, actor=acting_user(request), **form.cleaned_data)
        messages.success(request, _("The workshop has been added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect("meetings:manage", pk=meeting.pk)


@require_POST
@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    kind = request.POST.get("kind", services.InvitationKind.INVITATION)
    if kind not in (services.InvitationKind.INVITATION, services.InvitationKind.SAVE_THE_DATE):
        raise Http404
    run = services.invitations_send(meeting=meeting, actor=acting_user(request), kind=kind)
    messages.success(
        request,
        _("%(queued)s e-mails are being sent (%(created)s new recipients).")
        % {"queued": run.queued, "created": run.created},
    )
    return redirect("meetings:manage", pk=meeting.pk)


def _registration_of(request: HttpRequest, pk: int) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("meeting__series__region"), pk=pk)
    policy.require(request.user, "edit", registration)
    return registration


@require_POST
@login_required
def registration_action(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_of(request, pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.registration_approve(registration=registration, actor=acting_user(request))
        elif action == "cancel":
            services.registration_cancel(registration=registration, actor=acting_user(request))
        elif action in ("check_in", "undo_check_in"):
            services.registration_check_in(
                registration=registration,
                actor=acting_user(request),
                present=action == "check_in",
            )
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, str(message))
    target = "meetings:check_in" if request.POST.get("next") == "check_in" else "meetings:manage"
    return redirect(target, pk=registration.meeting_id)


@require_GET
@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    registrations = [
        registration
        for registration in selectors.registration_list(meeting=meeting)
        if registration.status == Registration.Status.REGISTERED
    ]
    return render(
        request,
        "meetings/check_in.html",
        {
            "meeting": meeting,
            "registrations": registrations,
            "attendance": selectors.meeting_attendance(meeting=meeting),
        },
    )


@require_GET
@login_required
def check_in_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    content = exports.check_in_pdf(meeting, selectors.registration_list(meeting=meeting))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="check-in-{meeting.pk}.pdf"'
    return response


@require_GET
@login_required
def participants(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in EXPORT_TYPES:
        raise Http404
    meeting = meeting_for(request, pk, "edit")
    rows = exports.participant_rows(selectors.registration_list(meeting=meeting))
    content = exports.rows_csv(rows) if file_format == "csv" else exports.rows_xlsx(rows)
    response = HttpResponse(content, content_type=EXPORT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="participants-{meeting.pk}.{file_format}"'
    return response


@require_POST
@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_add(actor=acting_user(request), meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The document has been added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect("meetings:manage", pk=meeting.pk)


@require_POST
@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, "edit")
    form = ResultsForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose who receives the results."))
        services.results_distribute(
            meeting=meeting, actor=acting_user(request), audience=form.cleaned_data["audience"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, str(message))
    else:
        messages.success(request, _("The results are being sent."))
    return redirect("meetings:manage", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
@login_required
def topic_answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(TopicProposal.objects.select_related("meeting__series__region"), pk=pk)
    policy.require(request.user, "edit", proposal)
    form = TopicAnswerForm(
        request.POST or None, initial={"status": proposal.status, "answer": proposal.answer}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_proposal_answer(proposal=proposal, actor=acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer has been saved."))
            return redirect("meetings:topics", pk=proposal.meeting_id)
    return render(request, "meetings/topic_answer.html", {"proposal": proposal, "form": form})
