"""Typed shapes of the /api/v1 requests and responses (they make the OpenAPI description)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from integrationsnetz.directory.models import Organisation, Service

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


def _no_nul(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL characters; refuse them here instead of failing in the database.
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
OrganisationKind = Organisation.Kind
ServiceStatus = Service.Status


class ErrorOut(Schema):
    detail: str


class ValidationErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[ValidationErrorItem]


class RegionOut(Schema):
    key: str
    name: str
    kind: str
    parent: str | None = Field(None, description="Official key of the parent region.")
    depth: int


class RegionDetailOut(RegionOut):
    ancestors: list[str] = Field(description="Official keys from the top of the tree down to the parent.")
    children: list[RegionOut]


class RegionPage(Schema):
    items: list[RegionOut]
    total: int
    page: int
    page_size: int
    pages: int


class TermOut(Schema):
    slug: str
    name_de: str
    name_en: str
    description: str


class LanguageOut(Schema):
    code: str
    name_de: str
    name_en: str
    native_name: str
    direction: str


class KindOut(Schema):
    value: str
    label: str


class RegionRef(Schema):
    key: str
    name: str


class OrganisationRef(Schema):
    id: UUID
    slug: str
    name: str


class Address(Schema):
    street: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None


class OrganisationSummaryOut(Schema):
    id: UUID
    slug: str
    name: str
    short_name: str
    kind: str
    website: str
    email: str
    phone: str
    address: Address
    region: RegionRef
    fields_of_action: list[str]
    updated_at: datetime


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class OrganisationPage(Schema):
    items: list[OrganisationSummaryOut]
    total: int
    page: int
    page_size: int
    pages: int
    facets: dict[str, list[FacetValueOut]] | None = None


class LocationOut(Schema):
    id: UUID
    name: str
    location_type: str
    street: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    phone: str
    accessibility: str
    url: str


class ServiceOut(Schema):
    id: UUID
    organisation: OrganisationRef
    name: str
    description: str
    status: str
    url: str
    email: str
    eligibility: str
    minimum_age: int | None
    maximum_age: int | None
    languages: list[str]
    fields_of_action: list[str]
    target_groups: list[str]
    service_areas: list[str]
    locations: list[LocationOut]
    opening_hours: str
    fees: str
    application_process: str
    leika_key: str
    updated_at: datetime


class ServicePageOut(Schema):
    items: list[ServiceOut]
    total: int
    page: int
    page_size: int
    pages: int


class ContactOut(Schema):
    id: UUID
    name: str | None = Field(description="Only when the person consented to publication.")
    function: str
    email: str | None
    phone: str | None
    languages: list[str]


class NetworkOut(Schema):
    short_name: str
    name: str
    since: str | None


class IdentifierOut(Schema):
    scheme: str
    identifier: str


class OrganisationDetailOut(OrganisationSummaryOut):
    description: str
    status: str
    non_commercial: bool
    parent: str | None = Field(description="Slug of the parent organisation.")
    regions_served: list[str]
    target_groups: list[str]
    languages: list[str]
    networks: list[NetworkOut]
    external_identifiers: list[IdentifierOut]
    services: list[ServiceOut]
    locations: list[LocationOut]
    contacts: list[ContactOut]
    confirmed_at: datetime | None
    created_at: datetime


class OrganisationPatch(Schema):
    """Fields an editor may change; omitted fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(None, max_length=300)
    short_name: Text | None = Field(None, max_length=80)
    kind: OrganisationKind | None = None
    description: Text | None = Field(None, max_length=20_000)
    website: Text | None = Field(None, max_length=200)
    email: Text | None = Field(None, max_length=254)
    phone: Text | None = Field(None, max_length=50)
    street: Text | None = Field(None, max_length=200)
    postal_code: Text | None = Field(None, max_length=10)
    city: Text | None = Field(None, max_length=100)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    non_commercial: bool | None = None
    regions_served: list[Text] | None = Field(None, description="Official keys of regions.")
    fields_of_action: list[Text] | None = Field(None, description="Slugs.")
    target_groups: list[Text] | None = Field(None, description="Slugs.")
    languages: list[Text] | None = Field(None, description="ISO 639-1 codes.")


class ServicePatch(Schema):
    """A service's fields; omitted fields stay as they are (on create: take their defaults)."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(None, max_length=300)
    description: Text | None = Field(None, max_length=20_000)
    status: ServiceStatus | None = None
    url: Text | None = Field(None, max_length=200)
    email: Text | None = Field(None, max_length=254)
    eligibility: Text | None = Field(None, max_length=5_000)
    minimum_age: int | None = Field(None, ge=0, le=150)
    maximum_age: int | None = Field(None, ge=0, le=150)
    opening_hours: Text | None = Field(None, max_length=5_000)
    fees: Text | None = Field(None, max_length=5_000)
    application_process: Text | None = Field(None, max_length=5_000)
    leika_key: Text | None = Field(None, max_length=20)
    languages: list[Text] | None = Field(None, description="ISO 639-1 codes.")
    fields_of_action: list[Text] | None = Field(None, description="Slugs.")
    target_groups: list[Text] | None = Field(None, description="Slugs.")
    service_areas: list[Text] | None = Field(None, description="Official keys of regions.")
    locations: list[UUID] | None = Field(None, description="Ids of the organisation's locations.")


class ServiceCreate(ServicePatch):
    name: Text = Field(min_length=1, max_length=300)
