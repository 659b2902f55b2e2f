#!/usr/bin/env python3
"""Accommodation benchmark behind ``make bench``: the traffic-light rating and the district comparison.

In-process (``django.setup()``) against a fresh SQLite file under var/bench/, with DEBUG off: it
migrates, loads the demo (regions, the Heim-TÜV catalogue, five fictitious sites), then generates
fictitious sites in every district with several completed inspections each (rated by the same
``rating.rate`` the services use), and times

- ``rating.rate`` for one inspection of the demo catalogue (20 criteria in 9 areas);
- the public summary by district (``/unterkuenfte/``) through Django's test client, the whole stack
  without a network (target <= 150 ms at p95);
- the comparison of the sites of the state for the office (``/unterkuenfte/vergleich/?region=14``,
  first page of 100 sites with their latest results per area), signed in, same client
  (target <= 300 ms at p95);
- ``/healthz`` through the same client, interleaved, as the baseline.

``--quick`` generates less and takes fewer samples (a smoke run under a minute). Exit code 2 when a
target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import VAR, Timings, machine, setup_django

TARGET_SUMMARY_MS = 150.0
TARGET_COMPARISON_MS = 300.0


def answers_for(version: Any, chance: random.Random) -> list[Any]:
    from integrationsnetz.accommodation.rating import Answer

    return [
        Answer(
            area_id=criterion.area_id,
            weight=criterion.weight,
            max_score=criterion.max_score,
            value=chance.randint(0, criterion.max_score),
            critical_scores=tuple(criterion.critical_scores),
        )
        for area in version.areas.all()
        for criterion in area.criteria.all()
    ]


def load_data(sites_per_district: int, inspections_per_site: int) -> dict[str, Any]:
    """Generated sites and completed inspections, written in bulk (the services would take minutes)."""
    from django.db import transaction
    from django.utils import timezone

    from integrationsnetz.accommodation.demo import load_demo
    from integrationsnetz.accommodation.models import CatalogueVersion, Inspection, Site
    from integrationsnetz.accommodation.rating import rate
    from integrationsnetz.core.demo.loader import core_demo_load
    from integrationsnetz.core.models import Region
    from integrationsnetz.directory.models import Organisation

    chance = random.Random(9)
    with transaction.atomic():
        core_demo_load()
        load_demo()
        version = CatalogueVersion.objects.prefetch_related("areas__criteria").order_by("-number").first()
        assert version is not None
        operator = Organisation.objects.get(slug="beispiel-betreiber-nord-fiktiv")
        districts = list(Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.CITY]))
        sites = Site.objects.bulk_create(
            Site(
                name=f"Bench-Unterkunft {district.key}-{number} (fiktiv)",
                operator=operator,
                district=district,
                city=district.name,
                capacity=50 + number,
                is_fictitious=True,
            )
            for district in districts
            for number in range(sites_per_district)
        )
        area_ids = [area.pk for area in version.areas.all()]
        names = {area.pk: area for area in version.areas.all()}
        inspections = []
        for site in sites:
            for year in range(inspections_per_site):
                rating = rate(
                    answers=answers_for(version, chance),
                    area_ids=area_ids,
                    green_from=version.green_from,
                    yellow_from=version.yellow_from,
                )
                inspections.append(
                    Inspection(
                        site=site,
                        version=version,
                        date=datetime.date(2016 + year, 6, 1),
                        inspectors="Bench",
                        status=Inspection.Status.COMPLETED,
                        completed_at=timezone.now(),
                        overall_percent=rating.percent,
                        overall_light=rating.light,
                        area_results={
                            "areas": [
                                {
                                    "name_de": names[area.area_id].name_de,
                                    "name_en": names[area.area_id].name_en,
                                    "percent": None if area.percent is None else str(area.percent),
                                    "light": area.light,
                                    "critical": area.critical,
                                }
                                for area in rating.areas
                            ]
                        },
                    )
                )
        Inspection.objects.bulk_create(inspections, batch_size=1000)
    return {"version": version, "sites": Site.objects.count(), "inspections": Inspection.objects.count()}


def timed(samples: int, action: Callable[[], Any]) -> Timings:
    timings = Timings()
    for _ in range(samples):
        started = time.perf_counter()
        action()
        timings.samples_ms.append((time.perf_counter() - started) * 1000)
    return timings


def signed_in_client() -> Any:
    """A client of the office with the second factor verified (as conftest.py's ``login`` does)."""
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    from integrationsnetz.accounts.models import Role, User
    from integrationsnetz.accounts.services import membership_grant

    office = User.objects.create_user("bench-office@example.org", "a-long-bench-password-1")
    membership_grant(user=office, role=Role.OFFICE_ADMIN)
    device = StaticDevice.objects.create(user=office, name="bench", confirmed=True)
    client = Client()
    client.force_login(office)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=VAR / "sections" / "accommodation.md")
    parser.add_argument("--quick", action="store_true", help="less data, fewer samples: a smoke run")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    began = datetime.datetime.now(datetime.UTC)
    setup_django(VAR / "accommodation.sqlite3")
    per_district, per_site = (5, 3) if args.quick else (40, 8)
    data = load_data(per_district, per_site)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from integrationsnetz.accommodation.rating import rate

    rating_samples, page_samples = (200, 20) if args.quick else (2000, 200)
    version = data["version"]
    chance = random.Random(1)
    answer_sets = [answers_for(version, chance) for _ in range(rating_samples)]
    area_ids = [area.pk for area in version.areas.all()]
    rating = Timings()
    for answers in answer_sets:
        started = time.perf_counter()
        rate(
            answers=answers, area_ids=area_ids, green_from=version.green_from, yellow_from=version.yellow_from
        )
        rating.samples_ms.append((time.perf_counter() - started) * 1000)

    client = signed_in_client()
    pages = {
        "summary": "/unterkuenfte/",
        "comparison": "/unterkuenfte/vergleich/?region=14",
        "baseline": "/healthz",
    }
    for path in pages.values():
        response = client.get(path)
        if response.status_code != 200:
            print(f"{path} answered {response.status_code}", file=sys.stderr)
            return 1
    timings = {name: Timings() for name in pages}
    for _ in range(page_samples):
        for name, path in pages.items():
            started = time.perf_counter()
            client.get(path)
            timings[name].samples_ms.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as summary_queries:
        client.get(pages["summary"])
    with CaptureQueriesContext(connection) as comparison_queries:
        comparison_bytes = len(client.get(pages["comparison"]).content)

    r, s, c, b = (
        t.summary() for t in (rating, timings["summary"], timings["comparison"], timings["baseline"])
    )
    summary_ok = s["p95"] <= TARGET_SUMMARY_MS
    comparison_ok = c["p95"] <= TARGET_COMPARISON_MS
    lines = [
        "# Accommodation: rating and district comparison" + (" (quick run)" if args.quick else ""),
        "",
        f"Run on {began:%Y-%m-%d %H:%M} UTC by `bench/accommodation_bench.py`"
        + (" --quick" if args.quick else "")
        + f", in-process against SQLite (fresh file, DEBUG off); {data['sites']:,} fictitious sites with "
        f"{data['inspections']:,} completed inspections (the demo catalogue, 20 criteria in 9 areas).",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine().items()),
        "",
        "| what | n | p50 ms | p95 ms | max ms | target (p95) | met |",
        "|---|---|---|---|---|---|---|",
        f"| `rating.rate`, one inspection (20 criteria) | {r['n']:.0f} | {r['p50']:.3f} | {r['p95']:.3f} | "
        f"{r['max']:.3f} | – | – |",
        f"| public summary by district `/unterkuenfte/` (test client) | {s['n']:.0f} | {s['p50']:.1f} | "
        f"{s['p95']:.1f} | {s['max']:.1f} | {TARGET_SUMMARY_MS:.0f} ms | {'yes' if summary_ok else 'NO'} |",
        f"| comparison of the state's sites, office, page of 100 (`/unterkuenfte/vergleich/?region=14`) | {c['n']:.0f} | "
        f"{c['p50']:.1f} | {c['p95']:.1f} | {c['max']:.1f} | {TARGET_COMPARISON_MS:.0f} ms | "
        f"{'yes' if comparison_ok else 'NO'} |",
        f"| baseline `/healthz` (same client, interleaved) | {b['n']:.0f} | {b['p50']:.1f} | {b['p95']:.1f} | "
        f"{b['max']:.1f} | – | – |",
        "",
        f"Ratio summary / baseline: {s['p50'] / b['p50']:.1f}x at p50, {s['p95'] / b['p95']:.1f}x at p95.",
        f"Ratio comparison / baseline: {c['p50'] / b['p50']:.1f}x at p50, {c['p95'] / b['p95']:.1f}x at p95.",
        f"The summary takes {len(summary_queries.captured_queries)} queries; the comparison "
        f"{len(comparison_queries.captured_queries)} queries and {comparison_bytes:,} bytes, whatever the "
        "number of sites and inspections (the latest per site is picked by a subquery; 100 sites a page).",
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if summary_ok and comparison_ok else 2


if __name__ == "__main__":
    sys.exit(main())
