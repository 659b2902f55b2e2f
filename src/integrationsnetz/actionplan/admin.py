"""Admin of action plans and the library. The PolicyBackend maps its permissions onto policies.py.

Saves and deletions here are audit-logged like those of the services; the pages and the API remain
the way to work with plans, the admin is for repairs.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Adoption,
    Approach,
    ApproachDocument,
    ImplementationStep,
    Measure,
    PlanField,
    ProgressNote,
    StepComment,
    StepLink,
)

# Django 6 will assume https for scheme-less addresses; say so now (warnings are errors in tests).
URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class AuditedAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS

    def save_model(self, request: Any, obj: Model, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        audit_log_record(
            actor=request.user,
            action=AuditLogEntry.Action.UPDATE if change else AuditLogEntry.Action.CREATE,
            obj=obj,
            changes=diff(before, snapshot(obj)),
        )

    def delete_model(self, request: Any, obj: Model) -> None:
        audit_log_record(
            actor=request.user, action=AuditLogEntry.Action.DELETE, obj=obj, changes=snapshot(obj)
        )
        super().delete_model(request, obj)


@admin.register(ActionPlan)
class ActionPlanAdmin(AuditedAdmin):
    list_display = ["title", "status", "period_start", "network"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(PlanField)
class PlanFieldAdmin(AuditedAdmin):
    list_display = ["title", "plan", "position"]
    list_select_related = ["plan"]


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ["title", "plan_field", "position"]
    list_select_related = ["plan_field"]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    raw_id_fields = ["author"]


class StepLinkInline(admin.TabularInline):
    model = StepLink
    extra = 0


@admin.register(ImplementationStep)
class ImplementationStepAdmin(AuditedAdmin):
    list_display = ["title", "measure", "due_date", "status"]
    list_filter = ["status"]
    list_select_related = ["measure"]
    search_fields = ["title"]
    filter_horizontal = ["responsible_organisations", "partners"]
    inlines = [ProgressNoteInline, StepLinkInline]


@admin.register(StepComment)
class StepCommentAdmin(AuditedAdmin):
    list_display = ["step", "author", "created_at"]
    list_select_related = ["step", "author"]
    raw_id_fields = ["author", "step"]


class ApproachDocumentInline(admin.TabularInline):
    model = ApproachDocument
    extra = 0
    formfield_overrides = URL_FIELDS


class AdoptionInline(admin.StackedInline):
    model = Adoption
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Approach)
class ApproachAdmin(AuditedAdmin):
    list_display = ["title", "region", "published", "created_at"]
    list_filter = ["published"]
    list_select_related = ["region"]
    search_fields = ["title", "problem"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["fields_of_action", "target_groups"]
    raw_id_fields = ["contact_person"]
    inlines = [ApproachDocumentInline, AdoptionInline]
