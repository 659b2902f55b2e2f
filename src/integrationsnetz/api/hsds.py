"""Open Referral HSDS 3.0 under /api/hsds/: the directory as Human Services Data.

The mapping: organisation -> organization, service -> service, location -> location, a service
offered at a location -> service_at_location, fields of action, target groups and organisation
kinds -> three taxonomies whose terms are linked to services and organisations as attributes.
Our uuids are the HSDS ids; rows we have no uuid for (terms, languages, areas, phones, schedules,
attributes) get stable uuid5 ids derived from what they are, so that they never change between calls.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from integrationsnetz.api.public_reads import set_last_modified
from integrationsnetz.api.selectors import ServiceFilters, parse_uuid, public_services, service_filter
from integrationsnetz.core import selectors as core_selectors
from integrationsnetz.directory.models import ContactPerson, Location, Organisation, Service
from integrationsnetz.directory.selectors import public_organisations

HSDS_VERSION = "3.0"
PROFILE_URL = "https://docs.openreferral.org/en/v3.0/hsds/"
HSDS_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000

# The root of all derived ids. Never change it: HSDS consumers keep these ids.
NAMESPACE = uuid.UUID("5b0f7f0e-2c59-4b8e-9d59-6c7e2f3f1a60")


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


class BadRequest(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFound(Exception):
    pass


def hsds_view(view: Callable[..., dict[str, Any]]) -> Callable[..., HttpResponse]:
    """A JSON view: the dict it returns, 404 and 422 as JSON (never an HTML error page)."""

    @require_safe
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = JsonResponse({})
        try:
            data = view(request, response, *args, **kwargs)
        except NotFound:
            return JsonResponse({"detail": _("Not found.")}, status=404)
        except BadRequest as error:
            return JsonResponse({"detail": error.message, "parameter": error.parameter}, status=422)
        response.content = JsonResponse(data, json_dumps_params={"ensure_ascii": False}).content
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- Taxonomies --------------------------------------------------------------------------------

TAXONOMIES: dict[str, dict[str, str]] = {
    "fields_of_action": {
        "name": "Integrationsnetz: Handlungsfelder (fields of action)",
        "description": "Themes of integration work: language, education, work, housing, health, ...",
    },
    "target_groups": {
        "name": "Integrationsnetz: Zielgruppen (target groups)",
        "description": "Groups of people by residence status: asylum seekers, recognised refugees, ...",
    },
    "organisation_kinds": {
        "name": "Integrationsnetz: Organisationsarten (organisation kinds)",
        "description": "Kinds of actors: association, authority, counselling service, chamber, ...",
    },
}


def taxonomy_id(taxonomy: str) -> str:
    return derived_id("taxonomy", taxonomy)


def term_id(taxonomy: str, code: str) -> str:
    return derived_id("taxonomy", taxonomy, code)


def taxonomy_out(taxonomy: str) -> dict[str, Any]:
    return {"id": taxonomy_id(taxonomy), "version": "1", **TAXONOMIES[taxonomy]}


def term_out(taxonomy: str, code: str, name: str, description: str = "") -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": description or name,
        "taxonomy": TAXONOMIES[taxonomy]["name"],
        "taxonomy_id": taxonomy_id(taxonomy),
        "language": "de",
    }


def all_terms() -> list[dict[str, Any]]:
    """Every term of the three taxonomies (two small queries)."""
    terms = [
        term_out("fields_of_action", term.slug, term.name_de, term.description)
        for term in core_selectors.field_of_action_list()
    ]
    terms += [
        term_out("target_groups", term.slug, term.name_de, term.description)
        for term in core_selectors.target_group_list()
    ]
    with translation.override("de"):
        terms += [
            term_out("organisation_kinds", str(value), str(label))
            for value, label in Organisation.Kind.choices
        ]
    return terms


def _term_for(term_uuid: str) -> dict[str, Any]:
    for term in all_terms():
        if term["id"] == term_uuid:
            return term
    raise BadRequest("taxonomy_term_id", _("Unknown taxonomy term."))


def _attribute(link_id: str, link_type: str, term: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": derived_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": link_type,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": term["code"],
    }


# --- Parameters --------------------------------------------------------------------------------


def _int_parameter(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadRequest(name, _("Give a whole number.")) from error
    if not 1 <= value <= maximum:
        raise BadRequest(name, _("Give a number from 1 to %(maximum)d.") % {"maximum": maximum})
    return value


def _text_parameter(request: HttpRequest, name: str, max_length: int = 200) -> str:
    value = request.GET.get(name, "").strip()
    if "\x00" in value or len(value) > max_length:
        raise BadRequest(name, _("Give at most %(count)d characters.") % {"count": max_length})
    return value


def _modified_after(request: HttpRequest) -> datetime | None:
    raw = _text_parameter(request, "modified_after", 40)
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            parsed_date = datetime.fromisoformat(raw)
            moment = parsed_date
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows.
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise BadRequest("modified_after", _("Give a date and time such as 2024-05-01T00:00:00Z.")) from error
    return moment


def _uuid_parameter(request: HttpRequest, name: str) -> str:
    raw = _text_parameter(request, name, 40)
    if raw and parse_uuid(raw) is None:
        raise BadRequest(name, _("Give an id (a UUID)."))
    return str(parse_uuid(raw)) if raw else ""


def _page(
    request: HttpRequest,
    response: HttpResponse,
    queryset: QuerySet[Any],
    load: Callable[[list[int]], list[Any]],
    out: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """An HSDS page of ``queryset``: ids of one page first, then ``load`` fetches what is shown."""
    page = _int_parameter(request, "page", 1, MAX_PAGE)
    per_page = _int_parameter(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = queryset.count()
    start = (page - 1) * per_page
    ids = list(queryset.values_list("pk", flat=True)[start : start + per_page])
    rows = load(ids) if ids else []
    set_last_modified(response, (getattr(row, "updated_at", None) for row in rows))
    total_pages = max(1, -(-total // per_page))
    return _page_envelope([out(row) for row in rows], total=total, page=page, total_pages=total_pages)


def _page_envelope(
    contents: list[dict[str, Any]], *, total: int, page: int, total_pages: int
) -> dict[str, Any]:
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def _ordered(ids: list[int], rows: QuerySet[Any]) -> list[Any]:
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """HSDS types fields as plain strings or numbers: leave out what we do not know instead of null."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _timestamp(moment: datetime | None) -> str | None:
    return (
        moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z") if moment else None
    )


# --- Mapping -----------------------------------------------------------------------------------


def organization_basic(organisation: Organisation) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "alternate_name": organisation.short_name,
            "description": organisation.description or organisation.name,
            "email": organisation.email,
            "website": organisation.website,
            "uri": _detail_uri(organisation.slug),
            "parent_organization_id": str(organisation.parent.uuid) if organisation.parent else None,
        }
    )


def _detail_uri(slug: str) -> str:
    """The organisation's public page in the directory."""
    return settings.SITE_URL + reverse("directory:detail", kwargs={"slug": slug})


def phone_out(number: str, owner_field: str, owner_id: str) -> dict[str, Any]:
    return {"id": derived_id("phone", owner_id, number), owner_field: owner_id, "number": number}


def location_out(location: Location) -> dict[str, Any]:
    address = None
    if location.street or location.city:
        address = _drop_empty(
            {
                "id": derived_id("address", location.uuid),
                "location_id": str(location.uuid),
                "address_1": location.street,
                "city": location.city,
                "region": "Sachsen",
                "state_province": "Sachsen",
                "postal_code": location.postal_code,
                "country": "DE",
                "address_type": location.location_type,
            }
        )
    data = _drop_empty(
        {
            "id": str(location.uuid),
            "location_type": location.location_type,
            "url": location.url,
            "organization_id": str(location.organisation.uuid),
            "name": location.name,
            "latitude": float(location.latitude) if location.latitude is not None else None,
            "longitude": float(location.longitude) if location.longitude is not None else None,
        }
    )
    data["addresses"] = [address] if address else []
    data["phones"] = [phone_out(location.phone, "location_id", str(location.uuid))] if location.phone else []
    if location.accessibility:
        data["accessibility"] = [
            {
                "id": derived_id("accessibility", location.uuid),
                "location_id": str(location.uuid),
                "description": location.accessibility,
            }
        ]
    return data


def contact_out(contact: ContactPerson) -> dict[str, Any]:
    """A contact person; name and direct details only with the person's recorded consent."""
    public = contact.is_public
    data = _drop_empty(
        {
            "id": str(contact.uuid),
            "organization_id": str(contact.organisation.uuid),
            "name": contact.name if public else None,
            "title": contact.function,
            "email": contact.email if public else None,
        }
    )
    data["phones"] = (
        [phone_out(contact.phone, "contact_id", str(contact.uuid))] if public and contact.phone else []
    )
    return data


def service_basic(service: Service) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organisation.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": service.application_process,
            "fees_description": service.fees,
            "eligibility_description": service.eligibility,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "last_modified": _timestamp(service.updated_at),
        }
    )


def service_terms(service: Service) -> list[dict[str, Any]]:
    terms = [
        term_out("fields_of_action", term.slug, term.name_de, term.description)
        for term in service.fields_of_action.all()
    ]
    terms += [
        term_out("target_groups", term.slug, term.name_de, term.description)
        for term in service.target_groups.all()
    ]
    return terms


def service_at_location_out(service: Service, location: Location, *, nested: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": derived_id("service_at_location", service.uuid, location.uuid),
        "service_id": str(service.uuid),
        "location_id": str(location.uuid),
    }
    if nested:
        data["location"] = location_out(location)
    return data


def service_full(service: Service, contacts: list[ContactPerson]) -> dict[str, Any]:
    service_id = str(service.uuid)
    organisation = service.organisation
    data = service_basic(service)
    data["organization"] = organization_basic(organisation)
    data["service_at_locations"] = [service_at_location_out(service, loc) for loc in service.locations.all()]
    data["contacts"] = [contact_out(contact) for contact in contacts]
    data["phones"] = (
        [phone_out(organisation.phone, "organization_id", str(organisation.uuid))]
        if organisation.phone
        else []
    )
    data["languages"] = [
        {
            "id": derived_id("language", service_id, language.code),
            "service_id": service_id,
            "name": language.name_de,
            "code": language.code,
        }
        for language in service.languages.all()
    ]
    data["service_areas"] = [
        {
            "id": derived_id("service_area", service_id, region.key),
            "service_id": service_id,
            "name": region.name,
            "description": _("Official key (AGS): %(key)s") % {"key": region.key},
            "extent_type": "ags",
            "extent": region.key,
        }
        for region in service.service_areas.all()
    ]
    data["schedules"] = (
        [
            {
                "id": derived_id("schedule", service_id),
                "service_id": service_id,
                "description": service.opening_hours,
            }
        ]
        if service.opening_hours
        else []
    )
    data["attributes"] = [_attribute(service_id, "service", term) for term in service_terms(service)]
    return data


def organization_full(organisation: Organisation) -> dict[str, Any]:
    organisation_id = str(organisation.uuid)
    data = organization_basic(organisation)
    data["contacts"] = [contact_out(contact) for contact in organisation.contacts.all()]
    data["phones"] = (
        [phone_out(organisation.phone, "organization_id", organisation_id)] if organisation.phone else []
    )
    data["locations"] = [location_out(location) for location in organisation.locations.all()]
    data["organization_identifiers"] = [
        {
            "id": derived_id("identifier", organisation_id, identifier.scheme, identifier.identifier),
            "organization_id": organisation_id,
            "identifier_scheme": identifier.scheme,
            "identifier_type": identifier.scheme,
            "identifier": identifier.identifier,
        }
        for identifier in organisation.external_identifiers.all()
    ]
    data["services"] = [service_basic(service) for service in organisation.services.all()]
    terms = [
        term_out("fields_of_action", term.slug, term.name_de, term.description)
        for term in organisation.fields_of_action.all()
    ]
    terms += [
        term_out("target_groups", term.slug, term.name_de, term.description)
        for term in organisation.target_groups.all()
    ]
    with translation.override("de"):
        terms.append(term_out("organisation_kinds", organisation.kind, str(organisation.get_kind_display())))
    data["attributes"] = [_attribute(organisation_id, "organization", term) for term in terms]
    return data


# --- Loading -----------------------------------------------------------------------------------


def _service_rows() -> QuerySet[Service]:
    return (
        public_services()
        .select_related("organisation__parent")
        .prefetch_related(
            "languages",
            "fields_of_action",
            "target_groups",
            "service_areas",
            Prefetch("locations", queryset=Location.objects.select_related("organisation")),
        )
    )


def _public_contacts(organisation_ids: list[int]) -> dict[int, list[ContactPerson]]:
    contacts: dict[int, list[ContactPerson]] = {}
    for contact in ContactPerson.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation"
    ):
        contacts.setdefault(contact.organisation_id, []).append(contact)
    return contacts


def _service_queryset(request: HttpRequest) -> QuerySet[Service]:
    filters = ServiceFilters(
        query=_text_parameter(request, "search"),
        modified_after=_modified_after(request),
    )
    organisation_id = _uuid_parameter(request, "organization_id")
    term_uuid = _uuid_parameter(request, "taxonomy_term_id")
    queryset = service_filter(filters)
    if organisation_id:
        queryset = queryset.filter(organisation__uuid=organisation_id)
    if term_uuid:
        term = _term_for(term_uuid)
        taxonomy = next(name for name in TAXONOMIES if taxonomy_id(name) == term["taxonomy_id"])
        if taxonomy == "fields_of_action":
            queryset = queryset.filter(
                pk__in=Service.objects.filter(fields_of_action__slug=term["code"]).values("pk")
            )
        elif taxonomy == "target_groups":
            queryset = queryset.filter(
                pk__in=Service.objects.filter(target_groups__slug=term["code"]).values("pk")
            )
        else:
            queryset = queryset.filter(organisation__kind=term["code"])
    return queryset.order_by("organisation__name", "name", "pk")


# --- Views -------------------------------------------------------------------------------------


@hsds_view
def api_info(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """What this API is: HSDS version, profile, and the OpenAPI description it implements."""
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": HSDS_OPENAPI_URL}


@hsds_view
def service_list(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """Services of active organisations, with the one-to-one fields and their organization."""

    def load(ids: list[int]) -> list[Service]:
        return _ordered(ids, public_services().select_related("organisation__parent").filter(pk__in=ids))

    def out(service: Service) -> dict[str, Any]:
        return {**service_basic(service), "organization": organization_basic(service.organisation)}

    return _page(request, response, _service_queryset(request), load, out)


@hsds_view
def service_detail(request: HttpRequest, response: HttpResponse, service_id: str) -> dict[str, Any]:
    parsed = parse_uuid(service_id)
    service = _service_rows().filter(uuid=parsed).first() if parsed else None
    if service is None:
        raise NotFound
    contacts = _public_contacts([service.organisation_id]).get(service.organisation_id, [])
    set_last_modified(response, [service.updated_at, service.organisation.updated_at])
    return service_full(service, contacts)


def _organisation_queryset(request: HttpRequest) -> QuerySet[Organisation]:
    queryset = public_organisations()
    search = _text_parameter(request, "search")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(search_text__icontains=search))
    modified_after = _modified_after(request)
    if modified_after is not None:
        queryset = queryset.filter(updated_at__gte=modified_after)
    term_uuid = _uuid_parameter(request, "taxonomy_term_id")
    if term_uuid:
        term = _term_for(term_uuid)
        taxonomy = next(name for name in TAXONOMIES if taxonomy_id(name) == term["taxonomy_id"])
        if taxonomy == "fields_of_action":
            queryset = queryset.filter(
                pk__in=Organisation.objects.filter(fields_of_action__slug=term["code"]).values("pk")
            )
        elif taxonomy == "target_groups":
            queryset = queryset.filter(
                pk__in=Organisation.objects.filter(target_groups__slug=term["code"]).values("pk")
            )
        else:
            queryset = queryset.filter(kind=term["code"])
    return queryset.order_by("name", "pk")


@hsds_view
def organization_list(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    def load(ids: list[int]) -> list[Organisation]:
        return _ordered(ids, public_organisations().select_related("parent").filter(pk__in=ids))

    return _page(request, response, _organisation_queryset(request), load, organization_basic)


@hsds_view
def organization_detail(request: HttpRequest, response: HttpResponse, organization_id: str) -> dict[str, Any]:
    parsed = parse_uuid(organization_id)
    organisation = (
        public_organisations()
        .select_related("parent")
        .prefetch_related(
            "fields_of_action",
            "target_groups",
            "external_identifiers",
            Prefetch("services", queryset=Service.objects.select_related("organisation")),
            Prefetch("locations", queryset=Location.objects.select_related("organisation")),
            Prefetch("contacts", queryset=ContactPerson.objects.select_related("organisation")),
        )
        .filter(uuid=parsed)
        .first()
        if parsed
        else None
    )
    if organisation is None:
        raise NotFound
    set_last_modified(
        response, [organisation.updated_at, *(service.updated_at for service in organisation.services.all())]
    )
    return organization_full(organisation)


@hsds_view
def taxonomy_list(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    page = _int_parameter(request, "page", 1, MAX_PAGE)
    per_page = _int_parameter(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    taxonomies = [taxonomy_out(name) for name in TAXONOMIES]
    return _list_page(taxonomies, page, per_page)


def _list_page(items: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    start = (page - 1) * per_page
    return _page_envelope(
        items[start : start + per_page],
        total=len(items),
        page=page,
        total_pages=max(1, -(-len(items) // per_page)),
    )


@hsds_view
def taxonomy_term_list(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    page = _int_parameter(request, "page", 1, MAX_PAGE)
    per_page = _int_parameter(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    wanted_taxonomy = _uuid_parameter(request, "taxonomy_id")
    terms = all_terms()
    if wanted_taxonomy:
        terms = [term for term in terms if term["taxonomy_id"] == wanted_taxonomy]
    return _list_page(terms, page, per_page)


@hsds_view
def service_at_location_list(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """Every (service, location) pair of public services."""
    page = _int_parameter(request, "page", 1, MAX_PAGE)
    per_page = _int_parameter(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    through = Service.locations.through
    pairs = through.objects.filter(service__in=_service_queryset(request).values("pk")).order_by(
        "service__organisation__name", "service__name", "service_id", "location__name", "location_id"
    )
    total = pairs.count()
    start = (page - 1) * per_page
    rows = list(
        pairs.select_related("service__organisation", "location__organisation")[start : start + per_page]
    )
    set_last_modified(response, (row.service.updated_at for row in rows))
    total_pages = max(1, -(-total // per_page))
    contents = [service_at_location_out(row.service, row.location) for row in rows]
    return _page_envelope(contents, total=total, page=page, total_pages=total_pages)
