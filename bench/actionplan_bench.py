#!/usr/bin/env python3
"""Action plan benchmark behind ``make bench``: the public page of a large plan, its API and its PDF.

In-process (``django.setup()``) against a fresh SQLite file under var/bench/, with DEBUG off: it
migrates, loads the core demo (regions, vocabularies), generates a plan of 10 fields of action x
10 measures x 10 steps (1,000 steps, each with two responsible organisations and a partner) and
times through Django's test client, i.e. the whole request/response stack without a network:

- the plan page ``/kursbuch/<slug>/`` with progress at every level (target <= 1 s at p95 for 1,000 steps);
- the API ``/api/v1/actionplan/plans/<slug>`` (the same overview as JSON);
- ``/healthz``, interleaved with the plan page, as the baseline;
- the printed Kursbuch (PDF, WeasyPrint), a few samples, for information.

``--quick`` takes fewer samples and a plan a tenth the size (a smoke run under a minute).
Exit code 2 when the target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import VAR, Timings, machine, setup_django

TARGET_PLAN_PAGE_MS = 1000.0


def generate(fields: int, measures: int, steps: int) -> dict[str, Any]:
    """A plan of ``fields x measures x steps`` steps with mixed statuses and due dates (fictitious)."""
    from django.db import transaction

    from integrationsnetz.actionplan.models import (
        ActionPlan,
        ImplementationStep,
        Measure,
        PlanField,
        StepStatus,
    )
    from integrationsnetz.core.demo.loader import core_demo_load
    from integrationsnetz.core.models import Region
    from integrationsnetz.directory.models import Organisation

    statuses = list(StepStatus.values)
    with transaction.atomic():
        core_demo_load()
        region = Region.objects.get(key="14730")
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Träger {n} (fiktiv)", slug=f"bench-traeger-{n}", kind="association", region=region
            )
            for n in range(60)
        )
        plan = ActionPlan.objects.create(
            slug="bench-plan",
            title="Benchmark-Kursbuch (fiktiv)",
            period_start=datetime.date(2024, 1, 1),
            status=ActionPlan.Status.ACTIVE,
        )
        plan_fields = PlanField.objects.bulk_create(
            PlanField(plan=plan, position=f, title=f"Handlungsfeld {f}", goal="Ziel (fiktiv)")
            for f in range(fields)
        )
        all_measures = Measure.objects.bulk_create(
            Measure(plan_field=plan_field, position=m, title=f"Lösungsansatz {plan_field.position}.{m}")
            for plan_field in plan_fields
            for m in range(measures)
        )
        all_steps = ImplementationStep.objects.bulk_create(
            ImplementationStep(
                measure=measure,
                position=s,
                title=f"Umsetzungsschritt {measure.pk}.{s}",
                status=statuses[(measure.pk + s) % len(statuses)],
                due_date=datetime.date(2024, 1, 1)
                + datetime.timedelta(days=(measure.pk * 7 + s * 13) % 1200),
            )
            for measure in all_measures
            for s in range(steps)
        )
        responsible = ImplementationStep.responsible_organisations.through
        partners = ImplementationStep.partners.through
        responsible.objects.bulk_create(
            responsible(implementationstep_id=step.pk, organisation_id=organisations[(i + k) % 60].pk)
            for i, step in enumerate(all_steps)
            for k in (0, 1)
        )
        partners.objects.bulk_create(
            partners(implementationstep_id=step.pk, organisation_id=organisations[(i + 7) % 60].pk)
            for i, step in enumerate(all_steps)
        )
    return {"plan": plan, "steps": len(all_steps)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=VAR / "sections" / "actionplan.md")
    parser.add_argument("--quick", action="store_true", help="fewer samples and a smaller plan: a smoke run")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    began = datetime.datetime.now(datetime.UTC)
    setup_django(VAR / "actionplan.sqlite3")
    data = generate(10, 10, 1 if args.quick else 10)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    page_samples, pdf_samples = (10, 1) if args.quick else (40, 2)
    plan = data["plan"]
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    page_path, api_path, pdf_path = (
        f"/kursbuch/{plan.slug}/",
        f"/api/v1/actionplan/plans/{plan.slug}",
        f"/kursbuch/{plan.slug}/kursbuch.pdf",
    )
    for path in (page_path, api_path, "/healthz"):
        response = client.get(path)
        if response.status_code != 200:
            print(f"{path} answered {response.status_code}", file=sys.stderr)
            return 1
    page, api, baseline, pdf = Timings(), Timings(), Timings(), Timings()
    for _ in range(page_samples):
        for path, timings in ((page_path, page), ("/healthz", baseline), (api_path, api)):
            started = time.perf_counter()
            client.get(path)
            timings.samples_ms.append((time.perf_counter() - started) * 1000)
    pdf_bytes = 0
    for _ in range(pdf_samples):
        started = time.perf_counter()
        pdf_bytes = len(client.get(pdf_path).content)
        pdf.samples_ms.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        page_bytes = len(client.get(page_path).content)

    page_ok = page.percentile(0.95) <= TARGET_PLAN_PAGE_MS
    p, a, b, d = page.summary(), api.summary(), baseline.summary(), pdf.summary()
    lines = [
        "# Action plans: the page, API and PDF of a large plan" + (" (quick run)" if args.quick else ""),
        "",
        f"Run on {began:%Y-%m-%d %H:%M} UTC by `bench/actionplan_bench.py`"
        + (" --quick" if args.quick else "")
        + f", in-process against SQLite (fresh file, DEBUG off); a generated plan with {data['steps']:,} "
        "steps, each with two responsible organisations and a partner.",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine().items()),
        "",
        "| what | n | p50 ms | p95 ms | max ms | target (p95) | met |",
        "|---|---|---|---|---|---|---|",
        f"| plan page `{page_path}` (test client, whole stack) | {p['n']:.0f} | {p['p50']:.1f} | {p['p95']:.1f} | "
        f"{p['max']:.1f} | {TARGET_PLAN_PAGE_MS:.0f} ms | {'yes' if page_ok else 'NO'} |",
        f"| API `{api_path}` | {a['n']:.0f} | {a['p50']:.1f} | {a['p95']:.1f} | {a['max']:.1f} | – | – |",
        f"| printed Kursbuch (PDF, WeasyPrint) | {d['n']:.0f} | {d['p50']:.1f} | {d['p95']:.1f} | {d['max']:.1f} | – | – |",
        f"| baseline `/healthz` (same client, interleaved) | {b['n']:.0f} | {b['p50']:.1f} | {b['p95']:.1f} | "
        f"{b['max']:.1f} | – | – |",
        "",
        f"Ratio plan page / baseline: {p['p50'] / b['p50']:.1f}x at p50, {p['p95'] / b['p95']:.1f}x at p95.",
        f"The plan page has {page_bytes:,} bytes in {len(queries.captured_queries)} queries; the PDF "
        f"{pdf_bytes:,} bytes.",
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if page_ok else 2


if __name__ == "__main__":
    sys.exit(main())
