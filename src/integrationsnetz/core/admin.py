"""Admin for regions and the shared vocabularies; the policy (through PolicyBackend) decides who may."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from integrationsnetz.core.models import FieldOfAction, Language, Region, SentMail, TargetGroup
from integrationsnetz.core.services import region_save


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "key")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth")
    list_select_related = ("parent",)

    def save_model(self, request: HttpRequest, obj: Region, form: Any, change: bool) -> None:
        # The service keeps ``path`` of the region and everything below it right.
        saved = region_save(key=obj.key, name=obj.name, kind=obj.kind, parent=obj.parent)
        obj.pk, obj.path, obj.depth = saved.pk, saved.path, saved.depth


@admin.register(FieldOfAction, TargetGroup)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("name_de", "name_en", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_de", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_de",)}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "name_de", "name_en", "native_name", "direction")
    list_filter = ("direction",)
    search_fields = ("code", "name_de", "name_en", "native_name")


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):
    list_display = ("key", "recipient", "sent_at")
    search_fields = ("key", "recipient")
    readonly_fields = ("key", "recipient", "sent_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
