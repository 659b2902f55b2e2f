#!/usr/bin/env python3
"""Guide benchmark behind ``make bench``: the finder lookup, one district's matrix page and its PDF.

It sets up Django in-process against a fresh SQLite file under var/bench/ (``guide.sqlite3``; media
files beside it), migrates, and generates 400 regions (the state, 13 districts, 386 towns), 100
matters, 12 target groups, 500 organisations and about 7,000 responsibilities on all three levels
(state-wide for every matter, two per matter in every district, town overrides for a tenth of the
matters). Then it measures, in the same process and run:

- the finder lookup (``selectors.finder_lookup``, the one most-specific selector) for random
  town x target group x matter, p95 target <= 10 ms;
- one district's matrix page through Django's test client (full middleware and template), p95
  target <= 100 ms;
- one district's edition PDF (content + WeasyPrint), target <= 5 s;
- the trivial view ``/healthz`` through the same client, as the baseline for the ratios.

``--quick``: 60 regions and 20 matters, fewer repetitions (a smoke run of well under a minute).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import VAR, Timings, machine, setup_django

TARGETS = {"finder_p95_ms": 10.0, "matrix_p95_ms": 100.0, "pdf_seconds": 5.0}


def generate(
    *, towns_per_district: int, districts: int, matters: int, groups: int, seed: int
) -> dict[str, Any]:
    """Bulk-create the data set (bypassing the services: no audit log wanted for synthetic rows)."""
    from django.db import transaction

    from integrationsnetz.core.models import FieldOfAction, Region, TargetGroup
    from integrationsnetz.directory.models import Organisation
    from integrationsnetz.guide.models import Matter, Responsibility

    rng = random.Random(seed)
    with transaction.atomic():
        state = Region.objects.create(key="14", name="Freistaat Sachsen", kind="state", path="/14/", depth=0)
        district_rows = [
            Region(
                key=f"14{index:03d}",
                name=f"Landkreis {index}",
                kind="district",
                parent=state,
                path=f"/14/14{index:03d}/",
                depth=1,
            )
            for index in range(districts)
        ]
        Region.objects.bulk_create(district_rows)
        town_rows = [
            Region(
                key=f"{district.key}{town:03d}",
                name=f"Stadt {district.key}-{town}",
                kind="town",
                parent=district,
                path=f"{district.path}{district.key}{town:03d}/",
                depth=2,
            )
            for district in district_rows
            for town in range(towns_per_district)
        ]
        Region.objects.bulk_create(town_rows)
        fields = FieldOfAction.objects.bulk_create(
            FieldOfAction(slug=f"feld-{index}", name_de=f"Handlungsfeld {index}", position=index)
            for index in range(8)
        )
        target_groups = TargetGroup.objects.bulk_create(
            TargetGroup(slug=f"gruppe-{index}", name_de=f"Zielgruppe {index}", position=index)
            for index in range(groups)
        )
        matter_rows = Matter.objects.bulk_create(
            Matter(
                slug=f"anliegen-{index}",
                name=f"Anliegen {index}",
                field_of_action=fields[index % len(fields)],
                position=index,
                what_to_bring="Pass",
            )
            for index in range(matters)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Organisation {index}",
                slug=f"organisation-{index}",
                kind="authority",
                region=district_rows[index % districts],
                city="Stadt",
                street=f"Straße {index}",
                postal_code="01000",
                phone="0351 000000",
            )
            for index in range(500)
        )
        entries: list[tuple[Responsibility, list[Any]]] = []
        roles = ["responsible", "advises", "supports"]
        for matter in matter_rows:
            entries.append(
                (Responsibility(matter=matter, region=state, organisation=rng.choice(organisations)), [])
            )
            for district in district_rows:
                for role in rng.sample(roles, 2):
                    chosen = rng.sample(target_groups, rng.randint(0, 4))
                    entries.append(
                        (
                            Responsibility(
                                matter=matter,
                                region=district,
                                role=role,
                                organisation=rng.choice(organisations),
                            ),
                            chosen,
                        )
                    )
        for town in town_rows:
            for matter in rng.sample(matter_rows, max(1, matters // 10)):
                entries.append(
                    (
                        Responsibility(
                            matter=matter, region=town, role="advises", organisation=rng.choice(organisations)
                        ),
                        [],
                    )
                )
        created = Responsibility.objects.bulk_create([entry for entry, _ in entries], batch_size=2000)
        through = Responsibility.target_groups.through
        through.objects.bulk_create(
            [
                through(responsibility_id=entry.pk, targetgroup_id=group.pk)
                for entry, (_, chosen) in zip(created, entries, strict=True)
                for group in chosen
            ],
            batch_size=5000,
        )
    return {
        "regions": 1 + len(district_rows) + len(town_rows),
        "districts": district_rows,
        "towns": town_rows,
        "matters": matter_rows,
        "target_groups": target_groups,
        "responsibilities": len(created),
    }


# CPU time of this process per call, beside the wall clock: on a shared, loaded machine the wall
# clock also counts the time spent waiting for a core, the CPU time only the work itself.
CPU: dict[str, Timings] = {}


def timed(function: Callable[[], Any], repeat: int, name: str = "") -> Timings:
    timings = Timings()
    cpu = CPU.setdefault(name, Timings())
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        timings.samples_ms.append((time.perf_counter() - started) * 1000)
        cpu.samples_ms.append((time.process_time() - started_cpu) * 1000)
    return timings


def measure(data: dict[str, Any], *, lookups: int, pages: int, seed: int) -> dict[str, Any]:
    from django.test import Client
    from django.utils import timezone

    from integrationsnetz.guide import selectors, services
    from integrationsnetz.guide.paper import edition_pdf

    rng = random.Random(seed)
    today = timezone.localdate()
    client = Client()
    district = data["districts"][0]
    queries = [
        (rng.choice(data["towns"]), rng.choice(data["target_groups"]), rng.choice(data["matters"]))
        for _ in range(lookups)
    ]
    found = []

    def lookup() -> None:
        region, group, matter = queries[len(found) % len(queries)]
        result = selectors.finder_lookup(
            region=region, target_group=group, matter=matter, on=today, language="ar"
        )
        found.append(len(result.entries))

    finder_page_url = f"/wegweiser/ar/?region={queries[0][0].key}&situation={queries[0][1].slug}&matter={queries[0][2].slug}"
    for _ in range(5):  # warm up the URL map, templates, translations and the connection
        client.get("/healthz")
        client.get(f"/wegweiser/matrix/{district.key}/")
        client.get(finder_page_url)
    # What a production server does after loading the app (gunicorn post_fork): move everything
    # loaded so far out of the cyclic collector's reach. Without it, every full collection walks the
    # whole heap of imported modules (about 140 ms here) and lands in one request in twenty.
    gc.collect()
    gc.freeze()
    finder = timed(lookup, lookups, "finder")
    matrix_url = f"/wegweiser/matrix/{district.key}/"
    statuses = set()

    def matrix_page() -> None:
        statuses.add(client.get(matrix_url).status_code)

    def baseline_page() -> None:
        statuses.add(client.get("/healthz").status_code)

    matrix, baseline = Timings(), Timings()
    for _ in range(pages):  # interleaved, so that both see the same machine state
        matrix.samples_ms += timed(matrix_page, 1, "matrix").samples_ms
        baseline.samples_ms += timed(baseline_page, 1, "baseline").samples_ms
    finder_page = timed(lambda: statuses.add(client.get(finder_page_url).status_code), pages)
    started = time.perf_counter()
    edition = services.edition_publish(region=district, actor=None)  # the PDF task runs on commit (eager)
    publish_seconds = time.perf_counter() - started
    started, started_cpu = time.perf_counter(), time.process_time()
    pdf = edition_pdf(edition)
    pdf_seconds = time.perf_counter() - started
    pdf_cpu_seconds = time.process_time() - started_cpu
    return {
        "finder": finder.summary(),
        "finder_page": finder_page.summary(),
        "matrix": matrix.summary(),
        "baseline": baseline.summary(),
        "pdf_seconds": pdf_seconds,
        "pdf_cpu_seconds": pdf_cpu_seconds,
        "cpu": {name: timings.summary() for name, timings in CPU.items() if name},
        "pdf_bytes": len(pdf),
        "publish_seconds": publish_seconds,
        "statuses": sorted(statuses),
        "entries_per_answer": sum(found) / max(len(found), 1),
        "lines_in_edition": len(edition.data["lines"]),
    }


def report(path: Path, data: dict[str, Any], results: dict[str, Any], quick: bool, seconds: float) -> str:
    finder, matrix, baseline = results["finder"], results["matrix"], results["baseline"]
    checks = {
        "finder_p95_ms": finder["p95"] <= TARGETS["finder_p95_ms"],
        "matrix_p95_ms": matrix["p95"] <= TARGETS["matrix_p95_ms"],
        "pdf_seconds": results["pdf_seconds"] <= TARGETS["pdf_seconds"],
    }
    lines = [
        "# Guide: finder, matrix page and PDF" + (" (quick run)" if quick else ""),
        "",
        f"Date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}. "
        f"Run: `python bench/guide_bench.py{' --quick' if quick else ''}` ({seconds:.0f} s in all).",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in machine().items()],
        "",
        "## Data (SQLite, in-process)",
        "",
        f"- {data['regions']} regions ({len(data['districts'])} districts, {len(data['towns'])} towns), "
        f"{len(data['matters'])} matters, {len(data['target_groups'])} target groups, "
        f"{data['responsibilities']} responsibilities on state, district and town level.",
        f"- An answer of the finder held {results['entries_per_answer']:.1f} entries on average; the district's "
        f"edition has {results['lines_in_edition']} lines.",
        "",
        "## Figures",
        "",
        "| measure | n | p50 | p95 | target | ratio p95 to baseline | met |",
        "|---|---|---|---|---|---|---|",
        f"| finder lookup (selector) | {finder['n']} | {finder['p50']:.2f} ms | {finder['p95']:.2f} ms | "
        f"≤ {TARGETS['finder_p95_ms']:.0f} ms | {finder['p95'] / baseline['p95']:.1f} | "
        f"{'yes' if checks['finder_p95_ms'] else 'NO'} |",
        f"| finder page in Arabic (HTTP, in-process) | {results['finder_page']['n']} | "
        f"{results['finder_page']['p50']:.2f} ms | {results['finder_page']['p95']:.2f} ms | – | "
        f"{results['finder_page']['p95'] / baseline['p95']:.1f} | – |",
        f"| one district's matrix page (HTTP, in-process) | {matrix['n']} | {matrix['p50']:.2f} ms | "
        f"{matrix['p95']:.2f} ms | ≤ {TARGETS['matrix_p95_ms']:.0f} ms | {matrix['p95'] / baseline['p95']:.1f} | "
        f"{'yes' if checks['matrix_p95_ms'] else 'NO'} |",
        f"| baseline: trivial view /healthz | {baseline['n']} | {baseline['p50']:.2f} ms | "
        f"{baseline['p95']:.2f} ms | – | 1.0 | – |",
        f"| one district's PDF (WeasyPrint) | 1 | {results['pdf_seconds']:.2f} s | – | "
        f"≤ {TARGETS['pdf_seconds']:.0f} s | {results['pdf_seconds'] * 1000 / baseline['p95']:.0f} | "
        f"{'yes' if checks['pdf_seconds'] else 'NO'} |",
        "",
        "CPU time of the benchmark process per call (the work itself, without waiting for a core): "
        f"finder lookup p50 {results['cpu']['finder']['p50']:.2f} ms / p95 {results['cpu']['finder']['p95']:.2f} ms; "
        f"matrix page p50 {results['cpu']['matrix']['p50']:.2f} ms / p95 {results['cpu']['matrix']['p95']:.2f} ms; "
        f"baseline p50 {results['cpu']['baseline']['p50']:.2f} ms / p95 {results['cpu']['baseline']['p95']:.2f} ms; "
        f"PDF {results['pdf_cpu_seconds']:.2f} s. The load average above says how busy the machine was.",
        "",
        f"Publishing the edition (freezing the content, audit log, PDF task run eagerly on commit) took "
        f"{results['publish_seconds']:.2f} s; the PDF has {results['pdf_bytes'] / 1024:.0f} KiB. "
        f"HTTP statuses seen: {', '.join(str(status) for status in results['statuses'])}.",
        "",
        "The client requests run in the benchmark's process (no network, no gunicorn), so the ratios compare "
        "the guide's work with the whole middleware stack of a trivial view. After the warm-up the benchmark "
        "calls `gc.freeze()`, as a server should after loading the app (see the comment in `measure`).",
    ]
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="60 regions, 20 matters (smoke run)")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    setup_django(
        VAR / ("guide-quick.sqlite3" if args.quick else "guide.sqlite3"), MEDIA_ROOT=str(VAR / "guide-media")
    )
    if args.quick:
        data = generate(towns_per_district=4, districts=11, matters=20, groups=12, seed=args.seed)
        results = measure(data, lookups=200, pages=20, seed=args.seed)
    else:
        data = generate(towns_per_district=30, districts=13, matters=100, groups=12, seed=args.seed)
        results = measure(data, lookups=2000, pages=60, seed=args.seed)
    output = args.output or (VAR / ("guide-quick.md" if args.quick else "guide.md"))
    print(report(output, data, results, args.quick, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
