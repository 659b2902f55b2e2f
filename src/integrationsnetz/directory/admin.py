"""Admin for the directory. The policy decides access (PolicyBackend); organisations are saved through
the services so that the audit log and the search text stay right."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from integrationsnetz.core import policy
from integrationsnetz.directory import selectors, services
from integrationsnetz.directory.models import (
    ContactPerson,
    ExternalIdentifier,
    ImportBatch,
    JoinApplication,
    Location,
    Network,
    NetworkMembership,
    Organisation,
    Service,
)


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    autocomplete_fields = ("network",)


class ExternalIdentifierInline(admin.TabularInline):
    model = ExternalIdentifier
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "status", "confirmed_at", "updated_at")
    list_filter = ("status", "kind", "non_commercial")
    search_fields = ("name", "short_name", "slug", "email")
    autocomplete_fields = ("region", "parent", "regions_served")
    filter_horizontal = ("fields_of_action", "target_groups", "languages")
    readonly_fields = ("uuid", "confirmed_at", "confirmation_requested_at", "created_at", "updated_at")
    inlines = (NetworkMembershipInline, ExternalIdentifierInline)
    list_select_related = ("region",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        queryset = super().get_queryset(request)
        if policy.can(request.user, "approve", Organisation):
            return queryset
        # Coordinators and editors see only what they may edit.
        return queryset.filter(pk__in=selectors.organisations_editable_by(request.user).values("pk"))

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        values = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name in {f.name for f in Organisation._meta.get_fields()} and name not in ("uuid",)
        }
        actor: Any = request.user
        if change:
            saved = services.organisation_update(organisation=obj, actor=actor, **values)
        else:
            saved = services.organisation_create(actor=actor, **values)
        for field in Organisation._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service set the many-to-many fields already; only the inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "organisation__name", "leika_key")
    autocomplete_fields = ("organisation", "service_areas", "locations")
    filter_horizontal = ("languages", "fields_of_action", "target_groups")
    list_select_related = ("organisation",)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "location_type", "city")
    search_fields = ("name", "organisation__name", "city")
    autocomplete_fields = ("organisation", "region")
    list_select_related = ("organisation",)


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "function", "organisation", "consent_to_publish")
    search_fields = ("name", "function", "organisation__name")
    autocomplete_fields = ("organisation",)
    readonly_fields = ("consent_recorded_at", "consent_wording")
    list_select_related = ("organisation",)

    def save_model(self, request: HttpRequest, obj: ContactPerson, form: Any, change: bool) -> None:
        values = {
            name: form.cleaned_data[name] for name in form.cleaned_data if name not in ("organisation",)
        }
        actor: Any = request.user
        saved = services.contact_person_save(
            organisation=form.cleaned_data["organisation"],
            actor=actor,
            contact=obj if change else None,
            **values,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "region", "founded")
    search_fields = ("short_name", "name")
    autocomplete_fields = ("region",)


@admin.register(JoinApplication)
class JoinApplicationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "applicant", "status", "created_at", "decided_at")
    list_filter = ("status",)
    readonly_fields = ("organisation", "applicant", "status", "decided_by", "decided_at", "created_at")
    search_fields = ("organisation__name", "applicant__email")


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "kind", "owner", "status", "created_at", "applied_at")
    list_filter = ("kind", "status")
    readonly_fields = (
        "owner",
        "kind",
        "file_name",
        "status",
        "rows",
        "errors",
        "summary",
        "created_at",
        "applied_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
