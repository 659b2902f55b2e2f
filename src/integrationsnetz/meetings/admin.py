"""Admin for meetings. The policy decides access (PolicyBackend maps the admin's permissions onto the
rules in policies.py); everyday work happens on the organiser pages. Meetings are saved through the
services here too, because a new time must raise the calendar SEQUENCE and notify everyone."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from integrationsnetz.accounts.models import User
from integrationsnetz.meetings import services
from integrationsnetz.meetings.models import (
    Announcement,
    Invitation,
    Meeting,
    MeetingDocument,
    MeetingSeries,
    ProgrammeItem,
    Registration,
    TopicProposal,
    WorkingGroup,
    Workshop,
)
from integrationsnetz.meetings.services import MEETING_FIELDS


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 0


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("invited_people",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "series", "starts_at", "status", "capacity")
    list_filter = ("status", "series")
    search_fields = ("title", "motto")
    date_hierarchy = "starts_at"
    inlines = (ProgrammeItemInline, WorkshopInline)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a meeting to another series would change who organises it; create a new one instead.
        return ("series", "is_fictitious") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Meeting, form: Any, change: bool) -> None:
        """Through the services, so that the audit log, SEQUENCE and update mails stay right."""
        actor = request.user if isinstance(request.user, User) else None
        values = {name: form.cleaned_data[name] for name in MEETING_FIELDS if name in form.cleaned_data}
        if change:
            saved = services.meeting_update(meeting=obj, actor=actor, **values)
        else:
            saved = services.meeting_create(
                series=obj.series, actor=actor, is_fictitious=obj.is_fictitious, **values
            )
        obj.pk, obj.uid = saved.pk, saved.uid


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "meeting", "status", "response", "sent_at")
    list_filter = ("status", "response")
    search_fields = ("email", "name")
    readonly_fields = ("status", "sent_at", "last_error")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation_name", "meeting", "status", "checked_in_at")
    list_filter = ("status",)
    search_fields = ("name", "email", "organisation_name")
    # Status changes go through the organiser pages: they lock places and promote the waiting list.
    readonly_fields = ("status", "promoted_at", "cancelled_at", "checked_in_at")


@admin.register(TopicProposal)
class TopicProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "status")
    list_filter = ("status",)


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "working_group", "visibility")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "lead_name")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members", "organisations")


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "working_group", "created_at")
