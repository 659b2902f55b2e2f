"""The printed Kursbuch: a plan as PDF (WeasyPrint), from the same overview the plan page shows."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

from integrationsnetz.actionplan.models import ActionPlan
from integrationsnetz.actionplan.selectors import plan_overview


def plan_pdf(plan: ActionPlan, *, today: datetime.date) -> bytes:
    """A4 portrait: title page facts, then every field, measure and step with its status."""
    from weasyprint import HTML

    html = render_to_string(
        "actionplan/plan_pdf.html",
        {"plan": plan, "overview": plan_overview(plan=plan, today=today), "today": today},
    )
    return bytes(HTML(string=html).write_pdf())
