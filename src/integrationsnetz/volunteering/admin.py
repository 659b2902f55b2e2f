"""Admin for volunteering, read-only: every change goes through the pages and services (audit log,
consent rules, mails); the admin serves the office for looking things up. The policy decides access."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from integrationsnetz.volunteering.models import (
    HoursEntry,
    Match,
    Need,
    OrganisationVerification,
    Qualification,
    VolunteerOffer,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Need)
class NeedAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "town", "starts_on", "status")
    list_filter = ("status", "activity")
    search_fields = ("title", "town")


@admin.register(VolunteerOffer)
class VolunteerOfferAdmin(ReadOnlyAdmin):
    list_display = ("pk", "town", "status", "available_from")
    list_filter = ("status",)


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    list_display = ("need", "status", "proposed_at", "confirmed_at")
    list_filter = ("status",)


@admin.register(HoursEntry)
class HoursEntryAdmin(ReadOnlyAdmin):
    list_display = ("match", "day", "hours", "status")
    list_filter = ("status",)


@admin.register(Qualification)
class QualificationAdmin(ReadOnlyAdmin):
    list_display = ("offer", "kind", "seen_on", "expires_on")


@admin.register(OrganisationVerification)
class OrganisationVerificationAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "verified_by", "verified_at")
