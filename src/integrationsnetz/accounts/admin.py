"""Admin for users, memberships (granted and revoked through the services) and the read-only audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts import selectors, services
from integrationsnetz.accounts.models import AuditLogEntry, Membership, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "preferred_language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    """Shown read-only on the user: roles are granted and revoked on the membership list."""

    model = Membership
    extra = 0
    fields = ("role", "region", "organisation", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "full_name", "preferred_language", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined")
    inlines = (MembershipInline,)

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[type[admin.options.InlineModelAdmin]]:
        # A new user has no roles yet; they are granted on the membership list afterwards.
        return list(self.inlines) if obj is not None else []

    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "preferred_language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("user", "role", "region", "organisation")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The database constraint says the same; checking here turns it into a message on the form.
        role, region, organisation = cleaned.get("role"), cleaned.get("region"), cleaned.get("organisation")
        if role == "office_admin" and (region or organisation):
            raise ValidationError(_("The coordinating office acts for the whole network: choose no scope."))
        if role == "regional_coordinator" and (not region or organisation):
            raise ValidationError(_("A regional coordinator needs a region and no organisation."))
        if role in {"organisation_editor", "member"} and (not organisation or region):
            raise ValidationError(_("This role needs an organisation and no region."))
        if role == "volunteer" and organisation:
            raise ValidationError(_("A volunteer has no organisation."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Grant (add) and revoke (delete) roles; a membership is never edited in place, so the log stays clear."""

    form = MembershipForm
    list_display = ("user", "role", "region", "organisation", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "user__full_name", "region__name", "organisation__name")
    autocomplete_fields = ("user", "region", "organisation")
    list_select_related = ("user", "region", "organisation")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Viewing stays possible (view permission); changes are revoke + grant.
        return False

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        granted = services.membership_grant(
            user=obj.user,
            role=obj.role,
            region=obj.region,
            organisation=obj.organisation,
            actor=request.user if isinstance(request.user, User) else None,
        )
        obj.pk = granted.pk
        obj.created_at = granted.created_at

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        try:
            services.membership_revoke(
                membership=obj, actor=request.user if isinstance(request.user, User) else None
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            self.delete_model(request, membership)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only; coordinators see only the entries of their regions, as on the audit log page."""

    list_display = ("created_at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor__email")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
    readonly_fields = (
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "regions",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditLogEntry]:
        return selectors.audit_log_visible_to(request.user).select_related("actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
