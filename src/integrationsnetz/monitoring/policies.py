"""Who may see and change which figures.

- everyone sees published indicators and their observations;
- the coordinating office edits everything;
- a regional coordinator edits observations of regions in their scope (their region and below) and
  indicators maintained by such a region;
- uploads of files are open to the office and coordinators; each row is checked against the region;
- the indicator pages (list, create) are open to the office and coordinators; a new indicator's owner
  region must be one the user coordinates, and publishing is part of editing.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.models import Category, Indicator, Observation, ObservationUpload


def may_edit_indicator(user: Any, indicator: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(indicator, Indicator):
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(indicator.owner_region.path)


def may_view_indicator(user: Any, indicator: Any) -> bool:
    if not isinstance(indicator, Indicator) or indicator.published:
        return True
    return may_edit_indicator(user, indicator)


def may_edit_observation(user: Any, observation: Any) -> bool:
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(observation, Observation):
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(observation.region.path)


def may_view_observation(user: Any, observation: Any) -> bool:
    if not isinstance(observation, Observation) or observation.indicator.published:
        return True
    return may_edit_observation(user, observation) or may_edit_indicator(user, observation.indicator)


def may_import_for_region(user: Any, region: Any) -> bool:
    """``region`` is a core Region: may the user write observations for it?"""
    scopes = scopes_of(user)
    return scopes.is_office or scopes.coordinates(getattr(region, "path", None))


policy.rule("view", Indicator)(may_view_indicator)
policy.rule("view", Category)(lambda user, obj: may_view_indicator(user, getattr(obj, "indicator", None)))
policy.rule("view", Observation)(may_view_observation)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Indicator)(may_edit_indicator)
    policy.rule(_action, Category)(
        lambda user, obj: may_edit_indicator(user, getattr(obj, "indicator", None))
    )
    policy.rule(_action, Observation)(may_edit_observation)


def may_upload_observations(user: Any, _obj: Any = None) -> bool:
    """The upload page: the office and every regional coordinator (the file's regions are checked row by row)."""
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.coordinated_paths)


def may_view_upload(user: Any, upload: Any) -> bool:
    if scopes_of(user).is_office:
        return True
    if not isinstance(upload, ObservationUpload):
        return may_upload_observations(user)
    return bool(getattr(user, "pk", None)) and upload.owner_id == user.pk


policy.rule("import_observations", Region)(may_import_for_region)
policy.rule("upload_observations")(may_upload_observations)
# The indicator pages (list, create) are open to the same people; each indicator is checked on its own.
policy.rule("manage_indicators")(may_upload_observations)
policy.rule("view", ObservationUpload)(may_view_upload)


def may_set_population(user: Any, _indicator: Any = None) -> bool:
    """Which indicator counts the inhabitants changes every figure per 1,000: the office decides."""
    return scopes_of(user).is_office


policy.rule("set_population", Indicator)(may_set_population)
