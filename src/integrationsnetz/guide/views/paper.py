"""The Schnittstellenpapier in the browser: the matrix of a region, diagrams, editions and their PDFs."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.guide import selectors, services
from integrationsnetz.guide.models import Edition, GuideLanguage, Matter, Responsibility
from integrationsnetz.guide.paper import DiagramNode, matrix_sections_html, matter_diagram_svg


def _stand(request: HttpRequest) -> date:
    """The date the matrix is shown for (``?stand=YYYY-MM-DD``), today by default."""
    try:
        return date.fromisoformat(request.GET.get("stand", ""))
    except ValueError:
        return timezone.localdate()


@require_GET
def matrix_index(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.CITY]).order_by("name")
    return render(
        request,
        "guide/matrix_index.html",
        {
            "regions": regions,
            "may_list_matters": policy.can(request.user, "list", Matter),
            "may_manage_guide": policy.can(request.user, "view", GuideLanguage),
        },
    )


@require_GET
def matrix(request: HttpRequest, region_key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    found = selectors.region_matrix(region=region, on=_stand(request))
    # One reverse() for all links: a {% url %} per matter costs more than the rest of its row.
    diagram_base = reverse("guide:diagram", kwargs={"region_key": region.key, "slug": "x"}).removesuffix(
        "x.svg"
    )
    return render(
        request,
        "guide/matrix.html",
        {
            "matrix": found,
            "sections": matrix_sections_html(found),
            "diagrams": [(matter, f"{diagram_base}{matter.slug}.svg") for matter in found.matters],
            "stand": found.on.isoformat(),
            "may_edit": policy.can(request.user, "guide_edit", region),
            "roles": Responsibility.Role,
        },
    )


@require_GET
def diagram(request: HttpRequest, region_key: str, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    matter = get_object_or_404(Matter, slug=slug)
    cells = selectors.responsibilities_effective(region=region, on=_stand(request), matter_ids=[matter.pk])
    nodes: dict[tuple[str, str], DiagramNode] = {}
    for entries in cells.values():
        for entry in entries:
            node = DiagramNode(entry.organisation.short_name or entry.organisation.name, entry.role)
            nodes[(node.organisation, node.role)] = node
    svg = matter_diagram_svg(matter.name, sorted(nodes.values(), key=lambda node: node.organisation))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_http_methods(["GET", "POST"])
def editions(request: HttpRequest, region_key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    may_publish = policy.can(request.user, "guide_publish", region)
    if request.method == "POST":
        policy.require(request.user, "guide_publish", region)
        edition = services.edition_publish(region=region, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("Edition %(number)s (as of %(stand)s) is published; its PDF is being made.")
            % {"number": edition.number, "stand": edition.stand.strftime("%d.%m.%Y")},
        )
        return redirect("guide:edition", region_key=region.key, number=edition.number)
    return render(
        request,
        "guide/editions.html",
        {"region": region, "editions": list(selectors.region_editions(region)), "may_publish": may_publish},
    )


def _edition(region_key: str, number: int) -> Edition:
    return get_object_or_404(Edition.objects.select_related("region"), region__key=region_key, number=number)


@require_GET
def edition(request: HttpRequest, region_key: str, number: int) -> HttpResponse:
    found = _edition(region_key, number)
    return render(
        request, "guide/edition.html", {"edition": found, "data": found.data, "roles": Responsibility.Role}
    )


@require_GET
def edition_pdf(request: HttpRequest, region_key: str, number: int) -> FileResponse:
    found = _edition(region_key, number)
    if found.pdf_status != Edition.PdfStatus.READY or not found.pdf:
        raise Http404
    return FileResponse(
        found.pdf.open("rb"), content_type="application/pdf", filename=found.pdf.name.rsplit("/", 1)[-1]
    )


@require_GET
def edition_compare(request: HttpRequest, region_key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    available = list(selectors.region_editions(region))
    numbers = [edition.number for edition in available]
    try:
        older_number = int(request.GET.get("older") or (numbers[1] if len(numbers) > 1 else 0))
        newer_number = int(request.GET.get("newer") or (numbers[0] if numbers else 0))
    except ValueError as error:
        raise Http404 from error
    older = newer = None
    changes = None
    if older_number and newer_number:
        older, newer = _edition(region_key, older_number), _edition(region_key, newer_number)
        changes = selectors.edition_compare(older, newer)
    return render(
        request,
        "guide/edition_compare.html",
        {
            "region": region,
            "editions": available,
            "older": older,
            "newer": newer,
            "changes": changes,
            "roles": Responsibility.Role,
        },
    )
