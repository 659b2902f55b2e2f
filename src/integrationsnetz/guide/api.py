"""The guide part of /api/v1 (a django-ninja router that api/v1.py mounts).

Read-only and public. Field names follow XZuFi where it has one: ``service_id`` is the LeiKa key of
a matter (XZuFi Leistung), ``area_id`` the official key (AGS) of the region an entry holds for, and
``role`` the kind of involvement (responsible / advises / supports).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from integrationsnetz.api.auth import READ_ERRORS
from integrationsnetz.core.models import Region, TargetGroup
from integrationsnetz.guide import selectors
from integrationsnetz.guide.models import Edition, Matter, Responsibility

router = Router(tags=["guide"])


class MatterOut(Schema):
    slug: str
    name: str
    service_id: str = Field(description="LeiKa key (XZuFi service id); empty when none is known.")
    field_of_action: str
    description: str
    language: str = Field(description="Language of name and description (German when not translated).")
    translation_status: str = Field(description="missing, outdated or current.")
    retired: bool = Field(description="No longer offered in the finder; existing entries may still use it.")


class OrganisationRef(Schema):
    slug: str
    name: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    website: str


class ResponsibilityOut(Schema):
    id: int
    matter: str
    service_id: str
    area_id: str = Field(description="Official key (AGS) of the region the entry was made for.")
    role: str
    target_groups: list[str] = Field(description="Slugs; empty means every target group.")
    organisation: OrganisationRef
    service: str
    contact: str = Field(description="Function, and the name only where the person consented.")
    conditions: str
    legal_basis: str
    valid_from: date | None
    valid_until: date | None


class CellOut(Schema):
    matter: str
    target_group: str
    entries: list[ResponsibilityOut]


class MatrixOut(Schema):
    area_id: str
    on: date
    cells: list[CellOut]


class EditionOut(Schema):
    area_id: str
    number: int
    stand: date
    pdf_status: str
    pdf_url: str | None


class EditionDetailOut(EditionOut):
    content: dict[str, Any]


class FinderQuery(Schema):
    region: str = Field(description="Official key (AGS) of the district or town the person lives in.")
    target_group: str
    matter: str
    lang: str = "de"
    on: date | None = None


class FinderOut(Schema):
    matter: MatterOut
    what_to_bring: str
    fallback_to_german: bool
    entries: list[ResponsibilityOut]


class MatrixQuery(Schema):
    region: str = Field(description="Official key (AGS).")
    on: date | None = None
    matter: str | None = None


def _contact(entry: Responsibility) -> str:
    if entry.contact is None:
        return ""
    if entry.contact.is_public:
        return ", ".join(part for part in (entry.contact.name, entry.contact.function) if part)
    return entry.contact.function


def responsibility_out(entry: Responsibility, matter: Matter) -> dict[str, Any]:
    organisation = entry.organisation
    return {
        "id": entry.pk,
        "matter": matter.slug,
        "service_id": matter.leika_key,
        "area_id": entry.region.key,
        "role": entry.role,
        "target_groups": sorted(group.slug for group in selectors.group_list(entry)),
        "organisation": {
            "slug": organisation.slug,
            "name": organisation.name,
            "street": organisation.street,
            "postal_code": organisation.postal_code,
            "city": organisation.city,
            "phone": organisation.phone,
            "email": organisation.email,
            "website": organisation.website,
        },
        "service": entry.service.name if entry.service else "",
        "contact": _contact(entry),
        "conditions": entry.conditions,
        "legal_basis": entry.legal_basis,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }


def _language(code: str) -> str:
    if selectors.guide_language(code) is None:
        raise Http404
    return code


@router.get("/matters", response={200: list[MatterOut], **READ_ERRORS})
def matter_list(request: HttpRequest, lang: str = "de") -> list[dict[str, Any]]:
    language = _language(lang)
    matters = list(Matter.objects.select_related("field_of_action"))
    texts = selectors.translations_for("matter", [matter.pk for matter in matters], language)
    result = []
    for matter in matters:
        name = selectors.shown_text(matter.name, texts.get((matter.pk, "name")), language)
        description = selectors.shown_text(
            matter.description, texts.get((matter.pk, "description")), language
        )
        result.append(
            {
                "slug": matter.slug,
                "name": name.text,
                "service_id": matter.leika_key,
                "field_of_action": matter.field_of_action.slug,
                "description": description.text,
                "retired": matter.retired,
                "language": name.language,
                "translation_status": selectors.translation_status(matter, texts)
                if language != "de"
                else "current",
            }
        )
    return result


@router.get("/responsibilities", response={200: MatrixOut, **READ_ERRORS})
def responsibility_list(request: HttpRequest, filters: Query[MatrixQuery]) -> dict[str, Any]:
    """The entries that hold in a region on a date (the most specific per matter, target group and role)."""
    region = Region.objects.filter(key=filters.region).first()
    if region is None:
        raise Http404
    on = filters.on or timezone.localdate()
    matter_ids = None
    if filters.matter:
        matter = Matter.objects.filter(slug=filters.matter).first()
        if matter is None:
            raise Http404
        matter_ids = [matter.pk]
    groups = {group.pk: group.slug for group in TargetGroup.objects.only("pk", "slug")}
    matters = {matter.pk: matter for matter in Matter.objects.only("pk", "slug", "leika_key")}
    cells = selectors.responsibilities_effective(
        region=region, on=on, matter_ids=matter_ids, target_group_ids=list(groups)
    )
    return {
        "area_id": region.key,
        "on": on,
        "cells": [
            {
                "matter": matters[matter_id].slug,
                "target_group": groups[group_id],
                "entries": [responsibility_out(entry, matters[matter_id]) for entry in entries],
            }
            for (matter_id, group_id), entries in sorted(cells.items())
        ],
    }


def edition_out(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    from django.urls import reverse

    ready = edition.pdf_status == Edition.PdfStatus.READY
    url = reverse("guide:edition_pdf", kwargs={"region_key": edition.region.key, "number": edition.number})
    return {
        "area_id": edition.region.key,
        "number": edition.number,
        "stand": edition.stand,
        "pdf_status": edition.pdf_status,
        "pdf_url": request.build_absolute_uri(url) if ready else None,
    }


@router.get("/editions", response={200: list[EditionOut], **READ_ERRORS})
def edition_list(request: HttpRequest, region: str) -> list[dict[str, Any]]:
    editions = (
        Edition.objects.filter(region__key=region).select_related("region").defer("data").order_by("-number")
    )
    return [edition_out(request, edition) for edition in editions]


@router.get("/editions/{region}/{number}", response={200: EditionDetailOut, **READ_ERRORS})
def edition_detail(request: HttpRequest, region: str, number: int) -> dict[str, Any]:
    edition = Edition.objects.filter(region__key=region, number=number).select_related("region").first()
    if edition is None:
        raise Http404
    return {**edition_out(request, edition), "content": edition.data}


@router.get("/finder", response={200: FinderOut, **READ_ERRORS})
def finder(request: HttpRequest, query: Query[FinderQuery]) -> dict[str, Any]:
    """The finder's answer: who to turn to for a matter, for a target group, where the person lives."""
    language = _language(query.lang)
    region = Region.objects.filter(key=query.region).first()
    group = TargetGroup.objects.filter(slug=query.target_group).first()
    matter = Matter.objects.select_related("field_of_action").filter(slug=query.matter).first()
    if region is None or group is None or matter is None:
        raise Http404
    result = selectors.finder_lookup(
        region=region,
        target_group=group,
        matter=matter,
        on=query.on or timezone.localdate(),
        language=language,
    )
    return {
        "matter": {
            "slug": matter.slug,
            "name": result.name.text,
            "service_id": matter.leika_key,
            "field_of_action": matter.field_of_action.slug,
            "description": result.description.text,
            "retired": matter.retired,
            "language": result.name.language,
            "translation_status": result.name.status,
        },
        "what_to_bring": result.what_to_bring.text,
        "fallback_to_german": result.any_fallback,
        "entries": [responsibility_out(entry, matter) for entry in selectors.with_groups(result.entries)],
    }
