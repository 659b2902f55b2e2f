"""The REST API under /api/v1: open reads of the directory, token-authenticated writes.

Thin: parse (the schemas) -> policy -> directory services/selectors -> schema out. Reads show
public data only (active organisations; contact persons by name only with their consent).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from integrationsnetz.api import selectors as api_selectors
from integrationsnetz.api.auth import PUBLIC, READ_ERRORS, WRITE_ERRORS, TokenAuth
from integrationsnetz.api.public_reads import set_last_modified
from integrationsnetz.api.schemas import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    KindOut,
    LanguageOut,
    OrganisationDetailOut,
    OrganisationKind,
    OrganisationPage,
    OrganisationPatch,
    RegionDetailOut,
    RegionPage,
    ServiceCreate,
    ServiceOut,
    ServicePageOut,
    ServicePatch,
    TermOut,
    Text,
)
from integrationsnetz.core import policy
from integrationsnetz.core import selectors as core_selectors
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory import selectors as directory_selectors
from integrationsnetz.directory import services as directory_services
from integrationsnetz.directory.models import ContactPerson, Location, Organisation, Service

api = NinjaAPI(
    title="Integrationsnetz API",
    version="1",
    description=(
        "Open data of the Integrationsnetz directory. Reads need no authentication and allow any "
        "origin; writes need an API token (`Authorization: Bearer <token>`) and follow the same "
        "permissions as the web interface."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(DjangoValidationError)
def model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """Errors of a model's full_clean() become 422 with one entry per field, like Ninja's own."""
    items: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field_name, messages in exc.message_dict.items():
            location = "body" if field_name == "__all__" else field_name
            items += [{"loc": ["body", location], "msg": message, "type": "invalid"} for message in messages]
    else:
        items = [{"loc": ["body"], "msg": message, "type": "invalid"} for message in exc.messages]
    return api.create_response(request, {"detail": items}, status=422)


def _pages(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def _aware(moment: datetime | None) -> datetime | None:
    """Naive times count as Europe/Berlin; times outside what databases hold are refused."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows.
        moment = moment.astimezone(UTC)
    except OverflowError as error:
        raise NinjaValidationError(
            [
                {
                    "loc": ["query", "modified_after"],
                    "msg": _("The time is out of range."),
                    "type": "value_error",
                }
            ]
        ) from error
    return moment


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


# --- Output -----------------------------------------------------------------------------------


def region_out(region: Region, parent_key: str | None) -> dict[str, Any]:
    return {
        "key": region.key,
        "name": region.name,
        "kind": region.kind,
        "parent": parent_key,
        "depth": region.depth,
    }


def location_out(location: Location) -> dict[str, Any]:
    return {
        "id": location.uuid,
        "name": location.name,
        "location_type": location.location_type,
        "street": location.street,
        "postal_code": location.postal_code,
        "city": location.city,
        "latitude": _float(location.latitude),
        "longitude": _float(location.longitude),
        "phone": location.phone,
        "accessibility": location.accessibility,
        "url": location.url,
    }


def service_out(service: Service) -> dict[str, Any]:
    organisation = service.organisation
    return {
        "id": service.uuid,
        "organisation": {"id": organisation.uuid, "slug": organisation.slug, "name": organisation.name},
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "url": service.url,
        "email": service.email,
        "eligibility": service.eligibility,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "languages": [language.code for language in service.languages.all()],
        "fields_of_action": [term.slug for term in service.fields_of_action.all()],
        "target_groups": [term.slug for term in service.target_groups.all()],
        "service_areas": [region.key for region in service.service_areas.all()],
        "locations": [location_out(location) for location in service.locations.all()],
        "opening_hours": service.opening_hours,
        "fees": service.fees,
        "application_process": service.application_process,
        "leika_key": service.leika_key,
        "updated_at": service.updated_at,
    }


def contact_out(contact: ContactPerson) -> dict[str, Any]:
    public = contact.is_public
    return {
        "id": contact.uuid,
        "name": contact.name if public else None,
        "function": contact.function,
        "email": contact.email if public else None,
        "phone": contact.phone if public else None,
        "languages": [language.code for language in contact.languages.all()],
    }


def organisation_summary_out(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.uuid,
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "address": {
            "street": organisation.street,
            "postal_code": organisation.postal_code,
            "city": organisation.city,
            "latitude": _float(organisation.latitude),
            "longitude": _float(organisation.longitude),
        },
        "region": {"key": organisation.region.key, "name": organisation.region.name},
        "fields_of_action": [term.slug for term in organisation.fields_of_action.all()],
        "updated_at": organisation.updated_at,
    }


def organisation_detail_out(organisation: Organisation) -> dict[str, Any]:
    services = list(organisation.services.all())
    for service in services:
        service.organisation = organisation  # already loaded; spares a query per service
    return {
        **organisation_summary_out(organisation),
        "description": organisation.description,
        "status": organisation.status,
        "non_commercial": organisation.non_commercial,
        "parent": organisation.parent.slug if organisation.parent else None,
        "regions_served": [region.key for region in organisation.regions_served.all()],
        "target_groups": [term.slug for term in organisation.target_groups.all()],
        "languages": [language.code for language in organisation.languages.all()],
        "networks": [
            {
                "short_name": membership.network.short_name,
                "name": membership.network.name,
                "since": membership.since.isoformat() if membership.since else None,
            }
            for membership in organisation.networkmembership_set.all()
        ],
        "external_identifiers": [
            {"scheme": identifier.scheme, "identifier": identifier.identifier}
            for identifier in organisation.external_identifiers.all()
        ],
        "services": [service_out(service) for service in services],
        "locations": [location_out(location) for location in organisation.locations.all()],
        "contacts": [contact_out(contact) for contact in organisation.contacts.all()],
        "confirmed_at": organisation.confirmed_at,
        "created_at": organisation.created_at,
    }


# --- Regions and vocabularies --------------------------------------------------------------------


class RegionQuery(Schema):
    kind: list[Region.Kind] = Field(default_factory=list, description="Kinds of region (repeatable).")
    parent: Text | None = Field(None, max_length=32, description="Official key of the parent region.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


@api.get("/regions", response={200: RegionPage, **READ_ERRORS}, tags=["regions"])
def region_list(request: HttpRequest, filters: Query[RegionQuery]) -> dict[str, Any]:
    """Regions in tree order, optionally only of some kinds or the children of one region."""
    queryset = core_selectors.region_list()
    if filters.kind:
        queryset = queryset.filter(kind__in=filters.kind)
    if filters.parent is not None:
        queryset = queryset.filter(parent__key=filters.parent)
    total = queryset.count()
    start = (filters.page - 1) * filters.page_size
    regions = list(queryset[start : start + filters.page_size])
    return {
        "items": [region_out(region, region.parent.key if region.parent else None) for region in regions],
        "total": total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(total, filters.page_size),
    }


@api.get("/regions/{key}", response={200: RegionDetailOut, **READ_ERRORS}, tags=["regions"])
def region_detail(request: HttpRequest, key: str) -> dict[str, Any]:
    region = core_selectors.region_list().filter(key=key.replace("\x00", "")).first()
    if region is None:
        raise Http404
    return {
        **region_out(region, region.parent.key if region.parent else None),
        "ancestors": [part for part in region.path.split("/") if part][:-1],
        "children": [
            region_out(child, region.key) for child in Region.objects.filter(parent=region).order_by("path")
        ],
    }


def _terms(queryset: Any) -> list[dict[str, Any]]:
    return [
        {"slug": term.slug, "name_de": term.name_de, "name_en": term.name_en, "description": term.description}
        for term in queryset
    ]


@api.get("/vocabularies/fields-of-action", response=list[TermOut], tags=["vocabularies"])
def field_of_action_list(request: HttpRequest) -> list[dict[str, Any]]:
    return _terms(core_selectors.field_of_action_list())


@api.get("/vocabularies/target-groups", response=list[TermOut], tags=["vocabularies"])
def target_group_list(request: HttpRequest) -> list[dict[str, Any]]:
    return _terms(core_selectors.target_group_list())


@api.get("/vocabularies/languages", response=list[LanguageOut], tags=["vocabularies"])
def language_list(request: HttpRequest) -> list[Language]:
    return list(core_selectors.language_list())


@api.get("/vocabularies/organisation-kinds", response=list[KindOut], tags=["vocabularies"])
def organisation_kind_list(request: HttpRequest) -> list[dict[str, str]]:
    return [{"value": str(value), "label": str(label)} for value, label in Organisation.Kind.choices]


# --- Organisations -----------------------------------------------------------------------------


class OrganisationQuery(Schema):
    """The search page's filters."""

    q: Text = Field("", max_length=200, description="Full text.")
    region: Text = Field("", max_length=32, description="Official key; includes its sub-regions.")
    kind: list[OrganisationKind] = Field(default_factory=list)
    field: list[Text] = Field(default_factory=list, description="Field of action slugs.")
    group: list[Text] = Field(default_factory=list, description="Target group slugs.")
    language: list[Text] = Field(default_factory=list, description="ISO 639-1 codes.")
    modified_after: datetime | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    facets: bool = Field(False, description="Include facet counts.")


@api.get("/organisations", response={200: OrganisationPage, **READ_ERRORS}, tags=["organisations"])
def organisation_list(
    request: HttpRequest, response: HttpResponse, filters: Query[OrganisationQuery]
) -> dict[str, Any]:
    """Active organisations matching the filters, in relevance order (name order without ``q``)."""
    search_filters = directory_selectors.SearchFilters(
        query=filters.q.strip(),
        region=filters.region.strip(),
        kinds=tuple(filters.kind),
        fields_of_action=tuple(filters.field),
        target_groups=tuple(filters.group),
        languages=tuple(filters.language),
        modified_after=_aware(filters.modified_after),
    )
    result = directory_selectors.organisation_search(
        search_filters, page=filters.page, page_size=filters.page_size, with_facets=filters.facets
    )
    set_last_modified(response, (organisation.updated_at for organisation in result.organisations))
    facets = None
    if filters.facets:
        facets = {
            name: [
                {"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in result.facets.items()
        }
    return {
        "items": [organisation_summary_out(organisation) for organisation in result.organisations],
        "total": result.total,
        # The search clamps a page beyond the last one to the last one; say which page this is.
        "page": result.page,
        "page_size": filters.page_size,
        "pages": _pages(result.total, filters.page_size),
        "facets": facets,
    }


@api.get(
    "/organisations/{identifier}",
    response={200: OrganisationDetailOut, **READ_ERRORS},
    tags=["organisations"],
)
def organisation_detail(request: HttpRequest, response: HttpResponse, identifier: str) -> dict[str, Any]:
    """One active organisation by slug or id, with its services, locations and contacts."""
    slug = api_selectors.organisation_slug(identifier.replace("\x00", ""))
    organisation = directory_selectors.organisation_detail(slug=slug) if slug else None
    if organisation is None or not policy.can(PUBLIC, "view", organisation):
        raise Http404
    set_last_modified(
        response, [organisation.updated_at, *(service.updated_at for service in organisation.services.all())]
    )
    return organisation_detail_out(organisation)


def _resolve(model: Any, lookup: str, values: list[str], label: str) -> list[Any]:
    """The rows named by ``values``; unknown names are a validation error of the field ``label``."""
    wanted = list(dict.fromkeys(values))
    found = list(model.objects.filter(**{f"{lookup}__in": wanted}))
    missing = sorted(set(wanted) - {getattr(row, lookup) for row in found})
    if missing:
        raise DjangoValidationError(
            {label: _("Unknown values: %(values)s.") % {"values": ", ".join(missing)}}
        )
    return found


def _relations(values: dict[str, Any], organisation: Organisation) -> dict[str, Any]:
    """Replace slugs, codes, keys and ids in ``values`` by the rows they name."""
    lookups = {
        "regions_served": (Region, "key"),
        "service_areas": (Region, "key"),
        "fields_of_action": (FieldOfAction, "slug"),
        "target_groups": (TargetGroup, "slug"),
        "languages": (Language, "code"),
    }
    resolved = dict(values)
    for name, (model, lookup) in lookups.items():
        if resolved.get(name) is not None:
            resolved[name] = _resolve(model, lookup, resolved[name], name)
    if resolved.get("locations") is not None:
        wanted = set(resolved["locations"])
        locations = list(organisation.locations.filter(uuid__in=wanted))
        if len(locations) != len(wanted):
            raise DjangoValidationError(
                {"locations": _("Only locations of this organisation can be chosen.")}
            )
        resolved["locations"] = locations
    for name in list(resolved):
        # A JSON null for a many-to-many field or a text field means "empty".
        if resolved[name] is None and name not in {"latitude", "longitude", "minimum_age", "maximum_age"}:
            resolved[name] = [] if name in lookups or name == "locations" else ""
    return resolved


@api.patch(
    "/organisations/{identifier}",
    auth=TokenAuth(),
    response={200: OrganisationDetailOut, **WRITE_ERRORS},
    tags=["organisations"],
)
def organisation_patch(request: HttpRequest, identifier: str, payload: OrganisationPatch) -> dict[str, Any]:
    """Change an organisation the token's user may edit; others get 404."""
    user = request.auth  # type: ignore[attr-defined]
    organisation = api_selectors.organisation_for_edit(slug=identifier.replace("\x00", ""))
    if organisation is None:
        raise Http404
    policy.require(user, "edit", organisation)
    values = _relations(payload.model_dump(exclude_unset=True), organisation)
    directory_services.organisation_update(organisation=organisation, actor=user, **values)
    return _detail_after_write(organisation.slug)


def _detail_after_write(slug: str) -> dict[str, Any]:
    organisation = directory_selectors.organisation_detail(slug=slug)
    if organisation is None:  # pragma: no cover - deleted in between
        raise Http404
    return organisation_detail_out(organisation)


@api.post(
    "/organisations/{identifier}/services",
    auth=TokenAuth(),
    response={201: ServiceOut, **WRITE_ERRORS},
    tags=["services"],
)
def service_create(request: HttpRequest, identifier: str, payload: ServiceCreate) -> Status[dict[str, Any]]:
    """Add a service to an organisation the token's user may edit."""
    user = request.auth  # type: ignore[attr-defined]
    organisation = api_selectors.organisation_for_edit(slug=identifier.replace("\x00", ""))
    if organisation is None:
        raise Http404
    policy.require(user, "create", Service(organisation=organisation))
    values = _relations(payload.model_dump(exclude_unset=True), organisation)
    service = directory_services.service_save(organisation=organisation, actor=user, **values)
    return Status(201, _service_after_write(str(service.uuid)))


def _service_after_write(service_uuid: str) -> dict[str, Any]:
    # Read back through the public queryset's loading rules, whatever the organisation's status.
    service = (
        Service.objects.select_related("organisation")
        .prefetch_related(
            "languages", "fields_of_action", "target_groups", "service_areas", "locations__region"
        )
        .get(uuid=service_uuid)
    )
    return service_out(service)


@api.patch(
    "/services/{service_id}",
    auth=TokenAuth(),
    response={200: ServiceOut, **WRITE_ERRORS},
    tags=["services"],
)
def service_patch(request: HttpRequest, service_id: str, payload: ServicePatch) -> dict[str, Any]:
    """Change a service of an organisation the token's user may edit."""
    user = request.auth  # type: ignore[attr-defined]
    service = api_selectors.service_for_edit(service_uuid=service_id)
    if service is None:
        raise Http404
    policy.require(user, "edit", service)
    values = _relations(payload.model_dump(exclude_unset=True), service.organisation)
    directory_services.service_save(organisation=service.organisation, actor=user, service=service, **values)
    return _service_after_write(str(service.uuid))


# --- Services ----------------------------------------------------------------------------------


class ServiceQuery(Schema):
    q: Text = Field("", max_length=200)
    organisation: Text = Field("", max_length=120, description="Slug or id of the organisation.")
    region: Text = Field("", max_length=32, description="Official key; services for it or in it.")
    field: list[Text] = Field(default_factory=list, description="Field of action slugs.")
    group: list[Text] = Field(default_factory=list, description="Target group slugs.")
    language: list[Text] = Field(default_factory=list, description="ISO 639-1 codes.")
    modified_after: datetime | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


@api.get("/services", response={200: ServicePageOut, **READ_ERRORS}, tags=["services"])
def service_list(
    request: HttpRequest, response: HttpResponse, filters: Query[ServiceQuery]
) -> dict[str, Any]:
    """Services of active organisations matching the filters."""
    result = api_selectors.service_search(
        api_selectors.ServiceFilters(
            query=filters.q.strip(),
            organisation=filters.organisation.strip(),
            region=filters.region.strip(),
            fields_of_action=tuple(filters.field),
            target_groups=tuple(filters.group),
            languages=tuple(filters.language),
            modified_after=_aware(filters.modified_after),
        ),
        page=filters.page,
        page_size=filters.page_size,
    )
    set_last_modified(response, (service.updated_at for service in result.services))
    return {
        "items": [service_out(service) for service in result.services],
        "total": result.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": _pages(result.total, filters.page_size),
    }


@api.get("/services/{service_id}", response={200: ServiceOut, **READ_ERRORS}, tags=["services"])
def service_detail(request: HttpRequest, response: HttpResponse, service_id: str) -> dict[str, Any]:
    service = api_selectors.service_detail(service_uuid=service_id)
    if service is None:
        raise Http404
    set_last_modified(response, [service.updated_at])
    return service_out(service)


# --- The modules' routers -------------------------------------------------------------------------
# Each app owns its part of the API in <app>/api.py; they are mounted last so that they can use
# everything above without import cycles.
from integrationsnetz.accommodation.api import router as accommodation_router  # noqa: E402
from integrationsnetz.actionplan.api import router as actionplan_router  # noqa: E402
from integrationsnetz.guide.api import router as guide_router  # noqa: E402
from integrationsnetz.meetings.api import router as meetings_router  # noqa: E402
from integrationsnetz.monitoring.api import router as monitoring_router  # noqa: E402
from integrationsnetz.news.api import router as news_router  # noqa: E402
from integrationsnetz.volunteering.api import router as volunteering_router  # noqa: E402

api.add_router("/monitoring", monitoring_router)
api.add_router("/guide", guide_router)
api.add_router("/meetings", meetings_router)
api.add_router("/volunteering", volunteering_router)
api.add_router("/news", news_router)
api.add_router("/actionplan", actionplan_router)
api.add_router("/accommodation", accommodation_router)
