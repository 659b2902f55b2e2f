"""Admin for the guide. The policy decides access (PolicyBackend); writes go through the services so
that every change reaches the audit log. Entries, editions and translations are edited on the guide's
own pages (they need the matrix and the status around them), and so are matters, forms and their
files, languages and translators (/wegweiser/anliegen/, /formulare/, /sprachen/, /uebersetzende/); all
of these are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from integrationsnetz.guide import services
from integrationsnetz.guide.models import (
    Edition,
    Form,
    GuideLanguage,
    InfoPage,
    Matter,
    Responsibility,
    Translation,
    Translator,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ("name", "field_of_action", "leika_key", "position", "retired")
    list_filter = ("field_of_action", "retired")
    search_fields = ("name", "slug", "leika_key")


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "topic", "published")
    list_filter = ("topic", "published")

    def save_model(self, request: HttpRequest, obj: InfoPage, form: Any, change: bool) -> None:
        saved = services.info_page_save(
            actor=request.user,  # type: ignore[arg-type]
            slug=obj.slug,
            region=obj.region,
            topic=obj.topic,
            title=obj.title,
            body=obj.body,
            published=obj.published,
            position=obj.position,
        )
        obj.pk = saved.pk


@admin.register(Translator)
class TranslatorAdmin(ReadOnlyAdmin):
    list_display = ("user", "language", "created_at")


@admin.register(GuideLanguage)
class GuideLanguageAdmin(ReadOnlyAdmin):
    list_display = ("language", "position", "active")


@admin.register(Responsibility)
class ResponsibilityAdmin(ReadOnlyAdmin):
    list_display = ("matter", "region", "organisation", "role", "valid_from", "valid_until")
    list_filter = ("role",)


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ("region", "number", "stand", "pdf_status", "published_at")


@admin.register(Translation)
class TranslationAdmin(ReadOnlyAdmin):
    list_display = ("kind", "object_id", "field", "language", "updated_at")
    list_filter = ("kind", "language")


@admin.register(Form)
class FormAdmin(ReadOnlyAdmin):
    list_display = ("title", "region", "issuer", "retired")
    list_filter = ("retired",)
    search_fields = ("title", "slug")
