"""The report of one inspection as PDF (WeasyPrint): summary, lights per area, findings, actions."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from integrationsnetz.accommodation import selectors, services
from integrationsnetz.accommodation.models import Inspection


def inspection_report_pdf(inspection: Inspection) -> bytes:
    """``inspection`` as loaded by ``selectors.inspection_for_page`` (everything prefetched)."""
    rating = services.inspection_rating(inspection)
    html = render_to_string(
        "accommodation/report.html",
        {
            "inspection": inspection,
            "blocks": selectors.inspection_areas(inspection),
            "lights": {area.area_id: area for area in rating.areas},
            "rating": rating,
            "statements": list(inspection.statements.all()),
            "actions": list(inspection.actions.all()),
        },
    )
    return bytes(HTML(string=html).write_pdf())
