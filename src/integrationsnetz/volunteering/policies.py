"""Who may see and do what in volunteering.

- everyone sees open needs, anonymised (town, activity, date; never who posted them);
- an organisation's editors, the coordinators of its region and the office manage its needs;
  editors may see proposals and contact volunteers only once a coordinator verified the organisation;
- a volunteer sees and changes only their own offer and matches;
- volunteer data is visible to the organisations they were matched with and to the coordinators of
  their district; contact data only after mutual consent (see :func:`may_see_contact`).
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering.models import (
    HoursEntry,
    Match,
    Need,
    OrganisationVerification,
    Qualification,
    VolunteerOffer,
)


def _coordinates(user: Any, region: Any) -> bool:
    scopes = scopes_of(user)
    return scopes.is_office or scopes.coordinates(getattr(region, "path", None))


def is_verified(organisation: Organisation) -> bool:
    return OrganisationVerification.objects.filter(organisation_id=organisation.pk).exists()


def may_post_need_for(user: Any, organisation: Any) -> bool:
    if not isinstance(organisation, Organisation):
        scopes = scopes_of(user)
        return scopes.is_office or bool(scopes.coordinated_paths or scopes.edited_organisation_ids)
    return organisation.pk in scopes_of(user).edited_organisation_ids or _coordinates(
        user, organisation.region
    )


def may_verify(user: Any, organisation: Any) -> bool:
    if not isinstance(organisation, Organisation):
        scopes = scopes_of(user)
        return scopes.is_office or bool(scopes.coordinated_paths)
    return _coordinates(user, organisation.region)


def may_manage_need(user: Any, need: Any) -> bool:
    if not isinstance(need, Need):
        return may_post_need_for(user, None)
    return need.organisation_id in scopes_of(user).edited_organisation_ids or _coordinates(user, need.region)


def may_contact_for_need(user: Any, need: Any) -> bool:
    """Proposals and contact: coordinators always, editors once their organisation is verified."""
    if not isinstance(need, Need) or not may_manage_need(user, need):
        return False
    return _coordinates(user, need.region) or is_verified(need.organisation)


def may_view_need(user: Any, need: Any) -> bool:
    if not isinstance(need, Need) or need.status == Need.Status.OPEN:
        return True
    return may_manage_need(user, need) or Match.objects.filter(need=need, offer__user_id=user.pk).exists()


def is_volunteer_of(user: Any, offer: Any) -> bool:
    return isinstance(offer, VolunteerOffer) and user.is_authenticated and offer.user_id == user.pk


def may_view_offer(user: Any, offer: Any) -> bool:
    if not isinstance(offer, VolunteerOffer):
        return user.is_authenticated
    if is_volunteer_of(user, offer) or _coordinates(user, offer.region):
        return True
    organisation_ids = scopes_of(user).edited_organisation_ids
    return (
        bool(organisation_ids) and offer.matches.filter(need__organisation_id__in=organisation_ids).exists()
    )


def may_edit_offer(user: Any, offer: Any) -> bool:
    if not isinstance(offer, VolunteerOffer):
        return user.is_authenticated
    return is_volunteer_of(user, offer) or scopes_of(user).is_office


def may_record_qualification(user: Any, obj: Any) -> bool:
    """Coordinators of the volunteer's district (and the office) note that they saw a document."""
    offer = obj.offer if isinstance(obj, Qualification) else obj
    if not isinstance(offer, VolunteerOffer):
        scopes = scopes_of(user)
        return scopes.is_office or bool(scopes.coordinated_paths)
    return _coordinates(user, offer.region)


def is_volunteer_in(user: Any, match: Any) -> bool:
    return isinstance(match, Match) and is_volunteer_of(user, match.offer)


def is_organisation_in(user: Any, match: Any) -> bool:
    return isinstance(match, Match) and may_contact_for_need(user, match.need)


def may_view_match(user: Any, match: Any) -> bool:
    if not isinstance(match, Match):
        return user.is_authenticated
    return is_volunteer_in(user, match) or may_manage_need(user, match.need)


def may_see_contact(user: Any, match: Any) -> bool:
    """Names, e-mail and phone of the other side: only after both accepted."""
    if not isinstance(match, Match):
        return False
    if _coordinates(user, match.offer.region) or _coordinates(user, match.need.region):
        return True
    return match.mutual_consent and (is_volunteer_in(user, match) or is_organisation_in(user, match))


def may_message(user: Any, match: Any) -> bool:
    if not isinstance(match, Match) or match.status == Match.Status.DID_NOT_HAPPEN:
        return False
    return is_volunteer_in(user, match) or is_organisation_in(user, match)


def may_decide_hours(user: Any, entry: Any) -> bool:
    if not isinstance(entry, HoursEntry):
        return may_post_need_for(user, None)
    return is_organisation_in(user, entry.match)


def may_view_hours(user: Any, entry: Any) -> bool:
    if not isinstance(entry, HoursEntry):
        return user.is_authenticated
    return is_volunteer_in(user, entry.match) or may_manage_need(user, entry.match.need)


def may_coordinate(user: Any, region: Any) -> bool:
    """The district dashboard and the batch plan."""
    if not isinstance(region, Region):
        scopes = scopes_of(user)
        return scopes.is_office or bool(scopes.coordinated_paths)
    return _coordinates(user, region)


policy.rule("view", Need)(may_view_need)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Need)(may_manage_need)
policy.rule("contact_volunteers", Need)(may_contact_for_need)
policy.rule("post_need", Organisation)(may_post_need_for)
policy.rule("verify_for_volunteering", Organisation)(may_verify)
policy.rule("view", OrganisationVerification)(
    lambda user, obj: may_verify(user, getattr(obj, "organisation", None))
)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, OrganisationVerification)(
        lambda user, obj: may_verify(user, getattr(obj, "organisation", None))
    )
policy.rule("view", VolunteerOffer)(may_view_offer)
for _action in ("edit", "delete"):
    policy.rule(_action, VolunteerOffer)(may_edit_offer)
policy.rule("view", Qualification)(may_record_qualification)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Qualification)(may_record_qualification)
policy.rule("record_qualification", VolunteerOffer)(may_record_qualification)
policy.rule("view", Match)(may_view_match)
policy.rule("act_as_volunteer", Match)(is_volunteer_in)
policy.rule("act_as_organisation", Match)(is_organisation_in)
policy.rule("see_contact", Match)(may_see_contact)
policy.rule("message", Match)(may_message)
policy.rule("view", HoursEntry)(may_view_hours)
policy.rule("decide", HoursEntry)(may_decide_hours)
policy.rule("coordinate_volunteering", Region)(may_coordinate)
