"""Public pages: upcoming meetings, the archive, a meeting with programme and review, feeds, documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors, services, tokens
from integrationsnetz.meetings.calendar import calendar_bytes
from integrationsnetz.meetings.forms import TopicProposalForm
from integrationsnetz.meetings.models import MeetingDocument, MeetingSeries, TopicProposal, WorkingGroup
from integrationsnetz.meetings.views.common import acting_user, meeting_for

ICS_TYPE = "text/calendar; charset=utf-8"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/index.html",
        {
            "upcoming": selectors.meeting_list_upcoming(since=timezone.now(), limit=20),
            "series_list": selectors.series_list(),
            "working_groups": selectors.working_group_list(),
            "may_organise_series": policy.can(request.user, "create", MeetingSeries),
            "may_create_group": policy.can(request.user, "create", WorkingGroup),
        },
    )


@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    return render(
        request, "meetings/archive.html", {"meetings": selectors.meeting_archive(now=timezone.now())}
    )


@require_GET
def series(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(MeetingSeries.objects.select_related("region"), slug=slug)
    return render(
        request,
        "meetings/series.html",
        {
            "series": series,
            "meetings": selectors.series_meetings(series=series),
            "may_edit": policy.can(request.user, "edit", series),
        },
    )


@require_GET
def series_feed(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(MeetingSeries, slug=slug)
    content = calendar_bytes(selectors.series_meetings(series=series), name=series.name)
    return HttpResponse(content, content_type=ICS_TYPE)


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    may_edit = policy.can(request.user, "edit", meeting)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "may_edit": may_edit,
            "may_propose": policy.can(request.user, "propose_topic", meeting),
            "documents": selectors.meeting_documents_for(
                meeting=meeting, user=request.user, may_edit=may_edit
            ),
            "places": selectors.workshop_places_taken(meeting=meeting),
            "attendance": selectors.meeting_attendance(meeting=meeting),
            "registration_open": services.registration_is_open(meeting),
        },
    )


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    response = HttpResponse(calendar_bytes([meeting], name=meeting.title), content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def topics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    if not policy.can(request.user, "view", TopicProposal):
        raise Http404
    may_propose = policy.can(request.user, "propose_topic", meeting)
    form = TopicProposalForm(request.POST or None)
    if request.method == "POST":
        if not may_propose:
            raise Http404
        if form.is_valid():
            services.topic_proposal_create(meeting=meeting, actor=acting_user(request), **form.cleaned_data)
            messages.success(request, _("Thank you, your topic has been proposed."))
            return redirect("meetings:topics", pk=meeting.pk)
    return render(
        request,
        "meetings/topics.html",
        {
            "meeting": meeting,
            "form": form,
            "may_propose": may_propose,
            "may_answer": policy.can(request.user, "edit", meeting),
            "proposals": selectors.topic_proposal_list(meeting=meeting),
        },
    )


@require_POST
@login_required
def topic_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(TopicProposal.objects.select_related("meeting__series__region"), pk=pk)
    policy.require(request.user, "propose_topic", proposal.meeting)
    if services.topic_proposal_support(proposal=proposal, actor=acting_user(request)):
        messages.success(request, _("You support this topic."))
    return redirect("meetings:topics", pk=proposal.meeting_id)


@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(
        MeetingDocument.objects.select_related("meeting__series__region", "working_group__region"), pk=pk
    )
    policy.require(request.user, "view", document)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )


@require_GET
@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    token = tokens.make_token(acting_user(request).pk, salt=tokens.FEED_SALT)
    return render(
        request,
        "meetings/my_calendar.html",
        {
            "feed_url": request.build_absolute_uri(reverse("meetings:personal_feed", args=[token])),
            "meetings": selectors.personal_meetings(user=request.user),
        },
    )


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    from integrationsnetz.accounts.models import User

    user_id = tokens.read_token(token, salt=tokens.FEED_SALT)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    content = calendar_bytes(selectors.personal_meetings(user=user), name=_("My meetings"))
    return HttpResponse(content, content_type=ICS_TYPE)
