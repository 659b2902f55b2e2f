"""Public pages of the directory: search with facets, detail, vCard, map data and exports.

All of them read through the selectors and show public data only: active organisations, and
contact persons' names and direct details only with their recorded consent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import vobject
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from integrationsnetz.core import policy
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.search_forms import SearchForm
from integrationsnetz.directory.selectors import (
    SearchFilters,
    organisation_detail,
    organisation_export_rows,
    organisation_map_features,
    organisation_search,
)

FACET_LEGENDS = {
    "region": gettext_lazy("Region"),
    "kind": gettext_lazy("Kind of organisation"),
    "field": gettext_lazy("Field of action"),
    "group": gettext_lazy("Target group"),
    "language": gettext_lazy("Language"),
}


def _read_filters(request: HttpRequest) -> tuple[SearchForm, SearchFilters]:
    form = SearchForm(request.GET)
    form.is_valid()
    return form, form.filters()


def _query_string(filters: SearchFilters) -> str:
    """The parameters that reproduce ``filters`` (without the page), for links."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    if filters.query:
        pairs.append(("q", filters.query))
    if filters.region:
        pairs.append(("region", filters.region))
    for name, values in (
        ("kind", filters.kinds),
        ("field", filters.fields_of_action),
        ("group", filters.target_groups),
        ("language", filters.languages),
    ):
        pairs += [(name, value) for value in values]
    return urlencode(pairs)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form, filters = _read_filters(request)
    page = form.page()
    page_size = settings.DIRECTORY_PAGE_SIZE
    result = organisation_search(filters, page=page, page_size=page_size)
    notes = list(form.notes)
    if result.unknown:
        # Unknown values (an old link, a typo in a key) are dropped rather than emptying the result.
        notes.append(
            _("These filter values are unknown and were ignored: %(values)s")
            % {"values": ", ".join(result.unknown)}
        )
        filters = form.filters(drop=tuple(result.unknown))
        result = organisation_search(filters, page=page, page_size=page_size)
    if page > result.pages:
        notes.append(_("There is no page %(page)s; this is the last page.") % {"page": page})
    query_string = _query_string(filters)
    facets = [
        {"name": name, "legend": FACET_LEGENDS[name], "values": result.facets.get(name, [])}
        for name in ("region", "kind", "field", "group", "language")
    ]
    context = {
        "form": form,
        "filters": filters,
        "result": result,
        "facets": facets,
        "notes": notes,
        "query_string": query_string,
        "map_url": f"{reverse('directory:map')}?{query_string}",
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
    }
    template = "directory/search.html"
    if getattr(request, "htmx", False) and not getattr(request.htmx, "boosted", False):  # type: ignore[attr-defined]
        template = "directory/_search_body.html"
    return render(request, template, context)


def _visible_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisation_detail(slug=slug)
    if organisation is None:
        raise Http404
    policy.require(request.user, "view", organisation)
    return organisation


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _visible_organisation(request, slug)
    return render(
        request,
        "directory/detail.html",
        {
            "organisation": organisation,
            "can_edit": policy.can(request.user, "edit", organisation),
        },
    )


def _vcard(organisation: Organisation) -> str:
    """The organisation as a vCard 3.0: its general, public contact data only (no persons)."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=organisation.name)
    card.add("fn").value = organisation.name
    card.add("org").value = [organisation.name]
    card.add("x-abshowas").value = "COMPANY"
    if organisation.email:
        email = card.add("email")
        email.value = organisation.email
        email.type_param = "INTERNET"
    if organisation.phone:
        phone = card.add("tel")
        phone.value = organisation.phone
        phone.type_param = "WORK"
    if organisation.street or organisation.city:
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=organisation.street,
            city=organisation.city,
            code=organisation.postal_code,
            country="Deutschland",
        )
        address.type_param = "WORK"
    if organisation.website:
        card.add("url").value = organisation.website
    if organisation.latitude is not None and organisation.longitude is not None:
        card.add("geo").value = f"{organisation.latitude};{organisation.longitude}"
    if organisation.description:
        card.add("note").value = organisation.description
    card.add("source").value = settings.SITE_URL + reverse("directory:vcard", args=[organisation.slug])
    card.add("rev").value = organisation.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(card.serialize())


@require_GET
def vcard(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _visible_organisation(request, slug)
    response = HttpResponse(_vcard(organisation), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}.vcf"'
    return response


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON of the matching organisations that have coordinates (public fields only)."""
    _form, filters = _read_filters(request)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": {
                "name": row["name"],
                "url": reverse("directory:detail", args=[row["slug"]]),
                "kind": str(Organisation.Kind(row["kind"]).label),
                "address": ", ".join(
                    part for part in (row["street"], f"{row['postal_code']} {row['city']}".strip()) if part
                ),
            },
        }
        for row in organisation_map_features(filters)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


def _export_header() -> list[str]:
    return [
        _("Name"),
        _("Short name"),
        _("Kind"),
        _("Description"),
        _("Website"),
        _("E-mail"),
        _("Phone"),
        _("Street and number"),
        _("Postal code"),
        _("City"),
        _("Seat"),
        _("Regions served"),
        _("Fields of action"),
        _("Target groups"),
        _("Languages"),
        _("Contact persons"),
        _("Last confirmed"),
        _("Directory page"),
    ]


def _spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet shows as text: a leading =, +, - or @ would make it a formula."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def _export_values(organisation: Organisation) -> list[str]:
    contacts = "; ".join(
        ", ".join(part for part in (contact.name, contact.function, contact.email, contact.phone) if part)
        for contact in organisation.public_contact_list  # type: ignore[attr-defined]
    )
    confirmed = (
        timezone.localtime(organisation.confirmed_at).date().isoformat() if organisation.confirmed_at else ""
    )
    values = [
        organisation.name,
        organisation.short_name,
        organisation.get_kind_display(),
        organisation.description,
        organisation.website,
        organisation.email,
        organisation.phone,
        organisation.street,
        organisation.postal_code,
        organisation.city,
        organisation.region.name,
        ", ".join(region.name for region in organisation.regions_served.all()),
        ", ".join(str(term) for term in organisation.fields_of_action.all()),
        ", ".join(str(term) for term in organisation.target_groups.all()),
        ", ".join(str(language) for language in organisation.languages.all()),
        contacts,
        confirmed,
        settings.SITE_URL + reverse("directory:detail", args=[organisation.slug]),
    ]
    return [_spreadsheet_safe(str(value)) for value in values]


def _export_filename(extension: str) -> str:
    return f"verzeichnis-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    """A file-like object that hands back what is written, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, filters = _read_filters(request)
    writer = csv.writer(_Echo())

    def lines(rows: Iterable[Organisation]) -> Iterator[str]:
        # The byte order mark makes Excel read the file as UTF-8.
        yield "\ufeff" + writer.writerow(_export_header())
        for organisation in rows:
            yield writer.writerow(_export_values(organisation))

    response = StreamingHttpResponse(
        lines(organisation_export_rows(filters)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_filename("csv")}"'
    return response


@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    _form, filters = _read_filters(request)
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(_("Directory"))
    sheet.append(_export_header())
    for organisation in organisation_export_rows(filters):
        sheet.append(_export_values(organisation))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_filename("xlsx")}"'
    return response
