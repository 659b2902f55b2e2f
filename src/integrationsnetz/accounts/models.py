"""Users who log in with their e-mail address, their scoped roles, and the audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login. Roles come from :class:`Membership`, never from flags on the user."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May log in to the administration site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", _("coordinating office")
    REGIONAL_COORDINATOR = "regional_coordinator", _("regional coordinator")
    ORGANISATION_EDITOR = "organisation_editor", _("organisation editor")
    MEMBER = "member", _("member")
    VOLUNTEER = "volunteer", _("volunteer")


# Roles whose holders must use a second factor (TOTP) before they may act.
ROLES_REQUIRING_SECOND_FACTOR = frozenset({Role.OFFICE_ADMIN, Role.REGIONAL_COORDINATOR})


class Membership(models.Model):
    """A user's role in a scope: a region (coordinators) or an organisation (editors, members).

    The coordinating office holds its role without a scope: it acts for the whole network.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("region")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role="office_admin", region__isnull=True, organisation__isnull=True)
                    | Q(role="regional_coordinator", region__isnull=False, organisation__isnull=True)
                    | Q(
                        role__in=["organisation_editor", "member"],
                        region__isnull=True,
                        organisation__isnull=False,
                    )
                    | Q(role="volunteer", organisation__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(region__isnull=True, organisation__isnull=True),
                name="membership_unique_unscoped",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region or self.organisation
        return f"{self.user} – {self.get_role_display()}" + (f" ({scope})" if scope else "")


class AuditLogEntry(models.Model):
    """Who changed what, when, old -> new. Written by services, never edited afterwards."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        APPROVE = "approve", _("approved")
        REJECT = "reject", _("rejected")
        IMPORT = "import", _("imported")
        CONFIRM = "confirm", _("confirmed")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # The regions the object belongs to, so that their coordinators may read the entry.
    regions = models.ManyToManyField("core.Region", blank=True, related_name="+", verbose_name=_("regions"))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
