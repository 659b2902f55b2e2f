"""Admin for the figures. The policy decides access (PolicyBackend); indicators are saved through the
services so that the audit log stays right. Values change only through uploads and imports, which keep
the earlier value as a revision; the admin shows them read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from integrationsnetz.monitoring import services
from integrationsnetz.monitoring.models import (
    Category,
    Indicator,
    Observation,
    ObservationRevision,
    ObservationUpload,
)


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_de", "unit", "owner_region", "published", "counts_inhabitants")
    list_filter = ("published", "counts_inhabitants")
    search_fields = ("slug", "name_de", "name_en")
    autocomplete_fields = ("owner_region",)
    list_select_related = ("owner_region",)
    inlines = (CategoryInline,)

    def save_model(self, request: HttpRequest, obj: Indicator, form: Any, change: bool) -> None:
        services.indicator_store(indicator=obj, actor=request.user)  # type: ignore[arg-type]


class ObservationRevisionInline(admin.TabularInline):
    model = ObservationRevision
    extra = 0
    can_delete = False
    readonly_fields = ("previous_value", "previous_source", "previous_remark", "changed_at", "changed_by")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "region", "category", "period_label", "period_start", "value")
    list_filter = ("indicator", "period_kind")
    search_fields = ("indicator__slug", "region__name", "region__key")
    list_select_related = ("indicator", "region", "category")
    inlines = (ObservationRevisionInline,)


@admin.register(ObservationUpload)
class ObservationUploadAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "owner", "shape", "status", "created_at", "applied_at")
    list_filter = ("status", "shape")
    list_select_related = ("owner",)
    exclude = ("content",)
