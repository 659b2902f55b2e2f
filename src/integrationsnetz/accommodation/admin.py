"""Admin for the accommodation app. The policy decides access (PolicyBackend); sites are saved through
the services (audit log), a catalogue version that an inspection used is shown read-only, and
inspections are only viewed here: they are made on the inspection pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from integrationsnetz.accommodation import selectors, services
from integrationsnetz.accommodation.models import Catalogue, CatalogueVersion, Inspection, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "district", "operator", "capacity", "is_fictitious")
    list_filter = ("kind", "is_fictitious")
    search_fields = ("name", "city")
    autocomplete_fields = ("operator", "district")
    list_select_related = ("district", "operator")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Site]:
        # Everyone may see a site's public fields, but the admin shows all fields: only sites in scope.
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=selectors.sites_with_details_for(request.user).values("pk"))
        )

    def save_model(self, request: HttpRequest, obj: Site, form: Any, change: bool) -> None:
        values = dict(form.cleaned_data)
        if change:
            services.site_update(site=Site.objects.get(pk=obj.pk), actor=request.user, **values)  # type: ignore[arg-type]
        else:
            obj.pk = services.site_create(actor=request.user, **values).pk  # type: ignore[arg-type]


@admin.register(Catalogue)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_display = ("catalogue", "number", "valid_from", "green_from", "yellow_from")
    list_select_related = ("catalogue",)

    # Versions are written only by the services (a copy of the newest version, edited on the office's
    # catalogue pages while no inspection has used it), so the admin only shows them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CatalogueVersion | None = None) -> bool:
        return False


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("site", "date", "status", "overall_light")
    list_filter = ("status", "overall_light")
    list_select_related = ("site",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Inspection]:
        sites = selectors.sites_with_details_for(request.user).values("pk")
        return super().get_queryset(request).filter(site__in=sites)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inspection | None = None) -> bool:
        return False
