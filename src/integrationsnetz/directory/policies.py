"""Who may see and change which directory entry.

- everyone sees active organisations and their services, locations and consented contacts;
- the coordinating office edits everything and approves applications;
- a regional coordinator edits organisations seated in their region or below it;
- an organisation editor edits their own organisation(s).
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.directory.models import (
    ContactPerson,
    ExternalIdentifier,
    Location,
    Network,
    NetworkMembership,
    Organisation,
    Service,
)


def may_edit_organisation(user: Any, organisation: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(organisation, Organisation):
        # The model class: "may edit some organisation" (admin index, menus).
        return bool(scopes.coordinated_paths or scopes.edited_organisation_ids)
    if organisation.pk in scopes.edited_organisation_ids:
        return True
    return scopes.coordinates(organisation.region.path if organisation.region_id else None)


@policy.rule("view", Organisation)
def may_view_organisation(user: Any, organisation: Any) -> bool:
    if not isinstance(organisation, Organisation) or organisation.status == Organisation.Status.ACTIVE:
        return True
    return may_edit_organisation(user, organisation)


policy.rule("edit", Organisation)(may_edit_organisation)


@policy.rule("create", Organisation)
def may_create_organisation(user: Any, obj: Any = None) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.coordinated_paths)


@policy.rule("apply", Organisation)
def may_apply_to_join(user: Any, obj: Any = None) -> bool:
    """Anyone logged in may ask for an organisation to be listed; the office decides."""
    return bool(getattr(user, "is_authenticated", False))


@policy.rule("approve", Organisation)
@policy.rule("delete", Organisation)
def may_approve_organisation(user: Any, obj: Any = None) -> bool:
    return scopes_of(user).is_office


def _via_organisation(user: Any, obj: Any) -> bool:
    organisation = getattr(obj, "organisation", None)
    if organisation is None:
        return may_edit_organisation(user, None)
    return may_edit_organisation(user, organisation)


def _view_child(user: Any, obj: Any) -> bool:
    organisation = getattr(obj, "organisation", None)
    return organisation is None or may_view_organisation(user, organisation)


for _model in (Service, Location, ContactPerson, ExternalIdentifier, NetworkMembership):
    policy.rule("view", _model)(_view_child)
    for _action in ("create", "edit", "delete"):
        policy.rule(_action, _model)(_via_organisation)

policy.rule("view", Network)(lambda user, obj: True)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Network)(may_approve_organisation)
