"""Admin of the news app: where posts, newsletters and issues (with their blocks) are written.

The policy decides access (PolicyBackend). Saves go through the services so that every change is
audit-logged; deliveries, consent records and bounces are read-only records.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from integrationsnetz.news import selectors, services
from integrationsnetz.news.forms import meeting_series_label
from integrationsnetz.news.models import (
    Bounce,
    ConsentRecord,
    Delivery,
    Issue,
    IssueBlock,
    Newsletter,
    Post,
    PostImage,
    Subscriber,
    Subscription,
)


def _form_values(form: Any, model: type[models.Model]) -> dict[str, Any]:
    names = {field.name for field in model._meta.get_fields() if getattr(field, "editable", False)}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PostImageInline(admin.TabularInline):
    model = PostImage
    extra = 0


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "number", "region", "published_at")
    list_filter = ("kind",)
    search_fields = ("title", "number", "body")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("fields_of_action",)
    raw_id_fields = ("press_contact",)
    inlines = (PostImageInline,)
    list_select_related = ("region",)

    def save_model(self, request: HttpRequest, obj: Post, form: Any, change: bool) -> None:
        values = _form_values(form, Post)
        saved = services.post_save(
            actor=services.actor_or_none(request.user), post=obj if change else None, **values
        )
        obj.pk = saved.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Many-to-many fields were saved by post_save; only the images remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change)


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "sender_email", "active")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Newsletter]:
        return selectors.newsletters_editable_by(request.user)

    def save_model(self, request: HttpRequest, obj: Newsletter, form: Any, change: bool) -> None:
        saved = services.newsletter_save(
            actor=services.actor_or_none(request.user),
            newsletter=obj if change else None,
            **_form_values(form, Newsletter),
        )
        obj.pk = saved.pk


class IssueBlockInline(admin.StackedInline):
    model = IssueBlock
    extra = 0
    filter_horizontal = ("posts",)
    raw_id_fields = ("organisation",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "meeting_series":
            kwargs["queryset"] = selectors.meeting_series_for_blocks()
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "meeting_series":
            # Series of different regions often share a name ("Netzwerktreffen"): show the region too.
            field.label_from_instance = meeting_series_label
        return field


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title", "status", "scheduled_at", "sent_at")
    list_filter = ("status", "newsletter")
    readonly_fields = ("status", "sent_at")
    inlines = (IssueBlockInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Issue]:
        return (
            super()
            .get_queryset(request)
            .filter(newsletter__in=selectors.newsletters_editable_by(request.user))
            .select_related("newsletter")
        )

    def save_model(self, request: HttpRequest, obj: Issue, form: Any, change: bool) -> None:
        saved = services.issue_save(
            actor=services.actor_or_none(request.user),
            issue=obj if change else None,
            **_form_values(form, Issue),
        )
        obj.pk = saved.pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for block_form in formset.forms:
            if not block_form.has_changed() or block_form in formset.deleted_forms:
                continue
            values = _form_values(block_form, IssueBlock)
            values["issue"] = form.instance
            block = block_form.instance if block_form.instance.pk else None
            services.issue_block_save(actor=services.actor_or_none(request.user), block=block, **values)
        for block_form in formset.deleted_forms:
            if block_form.instance.pk:
                services.issue_block_remove(
                    actor=services.actor_or_none(request.user), block=block_form.instance
                )


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = ("action", "recorded_at", "wording", "source")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("subscriber", "newsletter", "status", "language", "region", "role", "confirmed_at")
    list_filter = ("status", "newsletter", "language", "role")
    search_fields = ("subscriber__email",)
    inlines = (ConsentInline,)
    list_select_related = ("subscriber", "newsletter", "region")


@admin.action(description=_("Lift the bounce hold"))
def release_hold(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
    for subscriber in queryset.filter(on_hold=True):
        services.subscriber_release_hold(subscriber=subscriber, actor=services.actor_or_none(request.user))


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ("email", "language", "on_hold", "held_at", "created_at")
    list_filter = ("on_hold",)
    search_fields = ("email",)
    actions = (release_hold,)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("issue", "subscription", "status", "attempts", "sent_at")
    list_filter = ("status",)
    list_select_related = ("issue__newsletter", "subscription__subscriber", "subscription__newsletter")


@admin.register(Bounce)
class BounceAdmin(ReadOnlyAdmin):
    list_display = ("email", "kind", "source", "received_at")
    list_filter = ("kind", "source")
    search_fields = ("email",)
