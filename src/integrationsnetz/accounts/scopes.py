"""What a user's memberships grant, loaded once per user object (one query, then cached on it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from integrationsnetz.accounts.models import Membership, Role


@dataclass(frozen=True)
class Scopes:
    is_office: bool = False
    # Paths (``/14/14730/``) of the regions the user coordinates; a region and all below it.
    coordinated_paths: tuple[str, ...] = ()
    coordinated_region_ids: frozenset[int] = field(default_factory=frozenset)
    edited_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    member_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)

    def coordinates(self, region_path: str | None) -> bool:
        """True when the region with this path lies in (or is) a region the user coordinates."""
        return bool(region_path) and any(str(region_path).startswith(p) for p in self.coordinated_paths)


ANONYMOUS = Scopes()


def scopes_of(user: Any) -> Scopes:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_integrationsnetz_scopes", None)
    if cached is not None:
        return cached
    memberships = list(
        Membership.objects.filter(user_id=user.pk)
        .select_related("region")
        .only("role", "organisation_id", "region__id", "region__path")
    )
    scopes = Scopes(
        # A superuser (made with createsuperuser, e.g. for the first set-up) acts as the office.
        is_office=user.is_superuser or any(m.role == Role.OFFICE_ADMIN for m in memberships),
        coordinated_paths=tuple(
            m.region.path for m in memberships if m.role == Role.REGIONAL_COORDINATOR and m.region
        ),
        coordinated_region_ids=frozenset(
            m.region_id for m in memberships if m.role == Role.REGIONAL_COORDINATOR and m.region_id
        ),
        edited_organisation_ids=frozenset(
            m.organisation_id for m in memberships if m.role == Role.ORGANISATION_EDITOR and m.organisation_id
        ),
        member_organisation_ids=frozenset(
            m.organisation_id
            for m in memberships
            if m.role in (Role.MEMBER, Role.ORGANISATION_EDITOR) and m.organisation_id
        ),
        roles=frozenset(m.role for m in memberships),
    )
    user._integrationsnetz_scopes = scopes
    return scopes


def forget_scopes(user: Any) -> None:
    """Drop the cached scopes after the user's memberships changed."""
    if hasattr(user, "_integrationsnetz_scopes"):
        del user._integrationsnetz_scopes
