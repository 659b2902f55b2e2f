"""Who may see and change which accommodation data.

- everyone sees the sites' public fields, the catalogue and the public summary by district;
- the full results (inspections, scores, photos, statements, actions) only the office, the
  coordinators of the site's district and the editors of the operating organisation;
- inspections are made by the office and the district's coordinators; the operator's editors and the
  owner of a follow-up action may report its progress;
- the catalogue is kept by the office.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accommodation.models import (
    Area,
    Catalogue,
    CatalogueVersion,
    Criterion,
    FollowUpAction,
    Inspection,
    Photo,
    Score,
    Site,
    Statement,
)
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy


def may_view_site_details(user: Any, site: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(site, Site):
        return bool(scopes.coordinated_paths or scopes.edited_organisation_ids)
    return scopes.coordinates(site.district.path) or site.operator_id in scopes.edited_organisation_ids


def may_inspect_site(user: Any, site: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(site, Site):
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(site.district.path)


def may_view_inspection(user: Any, inspection: Any) -> bool:
    if not isinstance(inspection, Inspection):
        return may_view_site_details(user, None)
    return may_view_site_details(user, inspection.site)


def may_edit_inspection(user: Any, inspection: Any) -> bool:
    if not isinstance(inspection, Inspection):
        return may_inspect_site(user, None)
    return not inspection.is_completed and may_inspect_site(user, inspection.site)


def may_edit_action(user: Any, action: Any) -> bool:
    if not isinstance(action, FollowUpAction):
        return may_inspect_site(user, None)
    site = action.inspection.site
    return (
        may_inspect_site(user, site)
        or (action.owner_id is not None and action.owner_id == getattr(user, "pk", None))
        or site.operator_id in scopes_of(user).edited_organisation_ids
    )


def may_view_action(user: Any, action: Any) -> bool:
    if not isinstance(action, FollowUpAction):
        return may_view_site_details(user, None)
    return may_view_site_details(user, action.inspection.site) or may_edit_action(user, action)


def may_keep_catalogue(user: Any, obj: Any = None) -> bool:
    return scopes_of(user).is_office


def _through_inspection(rule: Any) -> Any:
    return lambda user, obj: rule(user, getattr(obj, "inspection", None))


policy.rule("view", Site)(lambda user, site: True)
policy.rule("view_details", Site)(may_view_site_details)
policy.rule("inspect", Site)(may_inspect_site)
for _action in ("create", "edit"):
    policy.rule(_action, Site)(may_inspect_site)
policy.rule("delete", Site)(may_keep_catalogue)
policy.rule("view", Inspection)(may_view_inspection)
policy.rule("edit", Inspection)(may_edit_inspection)
policy.rule("create", Inspection)(may_edit_inspection)
policy.rule("view", FollowUpAction)(may_view_action)
policy.rule("edit", FollowUpAction)(may_edit_action)
for _part in (Score, Photo, Statement):
    policy.rule("view", _part)(_through_inspection(may_view_inspection))
for _content in (Catalogue, CatalogueVersion, Area, Criterion):
    policy.rule("view", _content)(lambda user, obj: True)
    for _action in ("create", "edit", "delete"):
        policy.rule(_action, _content)(may_keep_catalogue)
