"""Reads of the meetings app that pages, the API, feeds and exports share; each fixes its queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import ContactPerson, Organisation
from integrationsnetz.meetings.models import (
    Announcement,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingSeries,
    ProgrammeItem,
    ProgrammeItemSpeaker,
    Registration,
    TopicProposal,
    WorkingGroup,
)


def _public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_public=True).select_related("series")


def meeting_list_upcoming(
    *,
    since: datetime.datetime,
    limit: int = 5,
    region: Region | None = None,
    series: MeetingSeries | None = None,
) -> list[Meeting]:
    """Public meetings not yet over at ``since``, by start; ``region`` keeps its own and those above.

    A meeting running at ``since`` is still listed, one that ended that morning is not. A district's
    page shows its own meetings and the state-wide ones that concern it too. ``series`` keeps only
    that series' meetings (both given: the series' meetings, if its region is the region or above it).
    """
    meetings = _public_meetings().filter(ends_at__gt=since)
    if region is not None:
        ancestor_keys = [key for key in region.path.split("/") if key]
        meetings = meetings.filter(series__region__key__in=ancestor_keys)
    if series is not None:
        meetings = meetings.filter(series=series)
    return list(meetings.order_by("starts_at", "pk")[:limit])


def meeting_archive(*, now: datetime.datetime, series: MeetingSeries | None = None) -> list[Meeting]:
    """Public past meetings, newest first (the archive of programmes and reviews)."""
    meetings = _public_meetings().filter(starts_at__lt=now)
    if series is not None:
        meetings = meetings.filter(series=series)
    return list(meetings.order_by("-starts_at", "-pk"))


def series_meetings(*, series: MeetingSeries) -> list[Meeting]:
    """Public meetings of one series, for its page and its iCalendar feed."""
    return list(_public_meetings().filter(series=series).order_by("starts_at", "pk"))


def meeting_detail(*, pk: int) -> Meeting:
    """One meeting with its programme (speakers included) and workshops with places taken."""
    speakers = ProgrammeItemSpeaker.objects.select_related("contact__organisation").order_by("position", "pk")
    programme = ProgrammeItem.objects.prefetch_related(Prefetch("speaker_links", queryset=speakers)).order_by(
        "position", "pk"
    )
    return (
        Meeting.objects.select_related("series", "series__region")
        .prefetch_related(
            Prefetch("programme", queryset=programme),
            "workshops",
        )
        .get(pk=pk)
    )


def workshop_places_taken(*, meeting: Meeting) -> dict[int, int]:
    """``{workshop id: registrations holding a place in it}``."""
    rows = (
        Registration.objects.filter(
            meeting=meeting, status__in=Registration.HOLDING_PLACE, workshop__isnull=False
        )
        .values("workshop_id")
        .annotate(taken=Count("pk"))
    )
    return {row["workshop_id"]: row["taken"] for row in rows}


@dataclass(frozen=True)
class Attendance:
    registered: int
    waiting: int
    pending: int
    cancelled: int
    checked_in: int


def meeting_attendance(*, meeting: Meeting) -> Attendance:
    """The figures of one meeting in one query."""
    figures = Registration.objects.filter(meeting=meeting).aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        pending=Count("pk", filter=Q(status=Registration.Status.PENDING_APPROVAL)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return Attendance(**figures)


def registration_list(*, meeting: Meeting, include_cancelled: bool = False) -> list[Registration]:
    """The participant list (check-in page, PDF, CSV/XLSX), by name."""
    registrations = Registration.objects.filter(meeting=meeting).select_related("organisation", "workshop")
    if not include_cancelled:
        registrations = registrations.exclude(status=Registration.Status.CANCELLED)
    return list(registrations.order_by("name", "pk"))


def invitation_list(*, meeting: Meeting) -> list[Invitation]:
    return list(Invitation.objects.filter(meeting=meeting).select_related("organisation").order_by("email"))


def topic_proposal_list(*, meeting: Meeting) -> list[TopicProposal]:
    """Proposals with their number of supporters, most supported first."""
    return list(
        TopicProposal.objects.filter(meeting=meeting)
        .select_related("proposed_by")
        .annotate(support_count=Count("supporters"))
        .order_by("-support_count", "created_at", "pk")
    )


def _is_participant(user: Any, meeting: Meeting) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Registration.objects.filter(
        meeting=meeting, user_id=user.pk, status=Registration.Status.REGISTERED
    ).exists()


def meeting_documents_for(*, meeting: Meeting, user: Any, may_edit: bool) -> list[MeetingDocument]:
    """The documents ``user`` may read: public ones; members' ones for members; participants' for them."""
    visible = [MeetingDocument.Visibility.PUBLIC]
    scopes = scopes_of(user)
    if may_edit or scopes.is_office or scopes.roles:
        visible.append(MeetingDocument.Visibility.MEMBERS)
    if may_edit or _is_participant(user, meeting):
        visible.append(MeetingDocument.Visibility.PARTICIPANTS)
    return list(
        MeetingDocument.objects.filter(meeting=meeting, visibility__in=visible).order_by("title", "pk")
    )


def working_group_list() -> list[WorkingGroup]:
    return list(WorkingGroup.objects.select_related("region").annotate(member_count=Count("members")))


def working_group_detail(*, slug: str) -> WorkingGroup:
    return (
        WorkingGroup.objects.select_related("region", "lead")
        .prefetch_related("organisations", "series")
        .get(slug=slug)
    )


def working_group_members(*, group: WorkingGroup) -> list[Any]:
    return list(group.members.order_by("full_name", "email"))


def working_group_documents(*, group: WorkingGroup) -> list[MeetingDocument]:
    return list(MeetingDocument.objects.filter(working_group=group).order_by("title", "pk"))


def working_group_announcements(*, group: WorkingGroup, limit: int = 20) -> list[Announcement]:
    return list(Announcement.objects.filter(working_group=group).select_related("author")[:limit])


def working_group_meetings(*, group: WorkingGroup) -> list[Meeting]:
    return list(
        Meeting.objects.filter(series__working_group=group).select_related("series").order_by("-starts_at")
    )


def personal_meetings(*, user: Any) -> list[Meeting]:
    """Meetings the user is registered for or on the waiting list of (their personal feed)."""
    return list(
        Meeting.objects.filter(
            registrations__user_id=user.pk,
            registrations__status__in=[*Registration.HOLDING_PLACE, Registration.Status.WAITING],
        )
        .select_related("series")
        .distinct()
        .order_by("starts_at", "pk")
    )


def series_list() -> list[MeetingSeries]:
    return list(MeetingSeries.objects.select_related("region").annotate(meeting_count=Count("meetings")))


def _organised_regions(user: Any) -> Q | None:
    """The regions whose series and groups ``user`` organises, as a condition on ``region``; None = all."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return None
    condition = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(region__path__startswith=path)
    return condition


def series_list_for_organiser(*, user: Any) -> list[MeetingSeries]:
    """The series ``user`` organises (the office all, a coordinator those of their regions), by name."""
    series = MeetingSeries.objects.select_related("region", "working_group").annotate(
        meeting_count=Count("meetings")
    )
    condition = _organised_regions(user)
    if condition is not None:
        series = series.filter(condition)
    return list(series.order_by("name", "pk"))


def regions_organised_by(*, user: Any, current: Region | None = None) -> QuerySet[Region]:
    """Regions a series or group of ``user`` may belong to; ``current`` stays choosable when editing."""
    scopes = scopes_of(user)
    regions = Region.objects.order_by("path")
    if scopes.is_office:
        return regions
    condition = Q(pk=current.pk) if current is not None else Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


def working_groups_organised_by(*, user: Any) -> QuerySet[WorkingGroup]:
    """Working groups a series of ``user`` may invite (the groups of the regions they organise)."""
    groups = WorkingGroup.objects.order_by("name")
    condition = _organised_regions(user)
    return groups if condition is None else groups.filter(condition)


# Choice lists that narrow the directory down by a search stay short enough to read through.
CHOICES_SHOWN = 25


def _name_visible_to(user: Any) -> Q:
    """Contact persons whose name ``user`` may read: consented ones, and those of organisations they edit."""
    scopes = scopes_of(user)
    if scopes.is_office:
        return Q()
    condition = Q(consent_to_publish=True, consent_recorded_at__isnull=False) | Q(
        organisation_id__in=scopes.edited_organisation_ids
    )
    for path in scopes.coordinated_paths:
        condition |= Q(organisation__region__path__startswith=path)
    return condition


def speaker_choices(*, user: Any, search: str, chosen_ids: list[int]) -> QuerySet[ContactPerson]:
    """Contact persons to offer as speakers: those already chosen plus up to 25 matching ``search``.

    The chosen come first, in the order of ``chosen_ids`` (the order they speak in), then the
    matches by organisation. A name matches only where ``user`` may read it; function and
    organisation always do. Two queries (the matches, then the list).
    """
    wanted = Q(pk__in=chosen_ids)
    search = search.strip()
    if search:
        matching = (
            Q(function__icontains=search)
            | Q(organisation__name__icontains=search)
            | (Q(name__icontains=search) & _name_visible_to(user))
        )
        found = ContactPerson.objects.filter(
            matching, organisation__status=Organisation.Status.ACTIVE
        ).order_by("organisation__name", "position", "name")
        wanted |= Q(pk__in=list(found.values_list("pk", flat=True)[:CHOICES_SHOWN]))
    ordering: list[Any] = ["organisation__name", "position", "name"]
    if chosen_ids:
        chosen_first = Case(
            *(When(pk=pk, then=Value(index)) for index, pk in enumerate(chosen_ids)),
            default=Value(len(chosen_ids)),
            output_field=IntegerField(),
        )
        ordering.insert(0, chosen_first)
    return ContactPerson.objects.filter(wanted).select_related("organisation__region").order_by(*ordering)


def contact_name_visible(*, user: Any, contact: ContactPerson) -> bool:
    """Whether ``user`` may read the name of ``contact`` (the same rule as the search)."""
    scopes = scopes_of(user)
    if scopes.is_office or contact.is_public or contact.organisation_id in scopes.edited_organisation_ids:
        return True
    return scopes.coordinates(contact.organisation.region.path)


def organisation_choices(*, search: str, chosen_ids: list[int]) -> QuerySet[Organisation]:
    """Active organisations to offer: those already chosen plus up to 25 whose name matches ``search``."""
    wanted = Q(pk__in=chosen_ids)
    search = search.strip()
    if search:
        found = Organisation.objects.filter(
            Q(name__icontains=search) | Q(short_name__icontains=search), status=Organisation.Status.ACTIVE
        ).order_by("name")
        wanted |= Q(pk__in=list(found.values_list("pk", flat=True)[:CHOICES_SHOWN]))
    return Organisation.objects.filter(wanted).select_related("region").order_by("name")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    user_id: int | None = None
    organisation_id: int | None = None


def series_recipients(*, series: MeetingSeries) -> list[Recipient]:
    """Who the series' rules invite, one entry per e-mail address (first rule that names it wins).

    For a matched organisation its people with a login are invited (each in their language); an
    organisation without any gets the invitation at its public e-mail address. Four queries.
    """
    from integrationsnetz.accounts.models import Membership, Role
    from integrationsnetz.directory.models import Organisation

    rules = Q()
    if series.invite_network_id:
        rules |= Q(networks=series.invite_network_id)
    if series.invite_commissioners:
        rules |= Q(kind=Organisation.Kind.COMMISSIONER)
    if series.invite_region_id:
        rules |= Q(region__path__startswith=series.invite_region.path)  # type: ignore[union-attr]
    recipients: dict[str, Recipient] = {}

    def add(recipient: Recipient) -> None:
        if recipient.email:
            recipients.setdefault(recipient.email.lower(), recipient)

    if rules:
        organisations = list(
            Organisation.objects.filter(rules, status=Organisation.Status.ACTIVE)
            .distinct()
            .order_by("name", "pk")
            .only("pk", "name", "email")
        )
        memberships = (
            Membership.objects.filter(
                organisation__in=[organisation.pk for organisation in organisations],
                role__in=[Role.ORGANISATION_EDITOR, Role.MEMBER],
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user__email")
        )
        people: dict[int, list[Any]] = {}
        for membership in memberships:
            people.setdefault(membership.organisation_id or 0, []).append(membership.user)
        for organisation in organisations:
            for user in people.get(organisation.pk, []):
                add(
                    Recipient(
                        user.email, user.get_full_name(), user.preferred_language, user.pk, organisation.pk
                    )
                )
            if not people.get(organisation.pk) and organisation.email:
                add(Recipient(organisation.email, organisation.name, "de", None, organisation.pk))
    named = list(series.invited_people.filter(is_active=True).order_by("email"))
    if series.working_group_id:
        named += list(series.working_group.members.filter(is_active=True).order_by("email"))  # type: ignore[union-attr]
    for user in named:
        add(Recipient(user.email, user.get_full_name(), user.preferred_language, user.pk, None))
    return list(recipients.values())


def meeting_mail_audience(*, meeting: Meeting) -> list[Recipient]:
    """Everyone who must hear of a change of time or venue: the invited and the registered."""
    recipients: dict[str, Recipient] = {}
    for registration in Registration.objects.filter(meeting=meeting).exclude(
        status=Registration.Status.CANCELLED
    ):
        recipients.setdefault(
            registration.email.lower(),
            Recipient(registration.email, registration.name, registration.language, registration.user_id),
        )
    for invitation in Invitation.objects.filter(meeting=meeting).exclude(
        response=Invitation.Response.DECLINED
    ):
        recipients.setdefault(
            invitation.email.lower(),
            Recipient(invitation.email, invitation.name, invitation.language, invitation.user_id),
        )
    return list(recipients.values())
