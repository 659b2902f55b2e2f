#!/usr/bin/env python3
"""Search benchmark behind ``make bench``: full-text search with two facets through the whole HTTP stack.

For each backend (a fresh SQLite file under var/bench/ and a fresh PostgreSQL database
``integrationsnetz_bench``) it migrates, loads the demo, generates 100,000 organisations with
200,000 services, starts gunicorn (one sync worker, DEBUG off) on a loopback port, and sends a
bounded number of requests: the search page with a query word and two facets, interleaved with the
same number to ``/healthz`` as the baseline. It reports p50/p95 of both, their ratio, the worker's
memory (RSS from /proc), and times the search selector in-process to show where the time goes.
The results go to docs/benchmarks.md (``--quick``: 5,000 organisations, var/bench/benchmarks-quick.md).

Only the standard library and the project's own dependencies are used; the server is always
stopped, also on errors and Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from benchlib import Timings, machine

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/integrationsnetz_bench"
TARGET_P95_MS = {"postgresql": 50.0, "sqlite": 80.0}

# Query word, kind facet, field-of-action facet. The words occur in the generated names,
# descriptions and services (see directory/management/commands/generate_demo.py).
QUERIES: list[tuple[str, str, str]] = [
    ("Beratung", "counselling", "beratung"),
    ("Deutschkurs", "educational_provider", "sprache"),
    ("Familie", "association", "familie-kinder"),
    ("Arbeit", "project_provider", "arbeit-ausbildung"),
    ("psychosoziale", "counselling", "gesundheit-psychosoziale-versorgung"),
    ("Wohnungssuche", "welfare_association", "wohnen"),
]


@dataclass
class BackendResult:
    backend: str
    vendor: str
    organisations: int = 0
    services: int = 0
    generation_seconds: float = 0.0
    search: dict[str, float] = field(default_factory=dict)
    baseline: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    facet_counts_present: bool = False
    search_bytes: int = 0
    rss_kib: int = 0
    peak_rss_kib: int = 0
    selector: dict[str, Any] = field(default_factory=dict)
    skipped: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ratio_p50(self) -> float:
        return self.search.get("p50", float("nan")) / self.baseline.get("p50", float("nan"))

    @property
    def ratio_p95(self) -> float:
        return self.search.get("p95", float("nan")) / self.baseline.get("p95", float("nan"))

    @property
    def passed(self) -> bool:
        target = TARGET_P95_MS[self.vendor]
        return not self.errors and self.facet_counts_present and self.search.get("p95", 1e9) <= target


# --------------------------------------------------------------------------------------------
# Databases and data
# --------------------------------------------------------------------------------------------


def base_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT / "src"),
            "DJANGO_SETTINGS_MODULE": "integrationsnetz.settings",
            "ENVIRONMENT": "development",
            "DEBUG": "false",
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.pop("CELERY_BROKER_URL", None)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 3600) -> str:
    completed = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


def postgres_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"Unexpected database name {name!r}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def postgres_version(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), connect_timeout=5) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def recreate_sqlite(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def existing_organisations(database_url: str) -> int:
    """How many organisations the benchmark database already holds (0 when it does not exist)."""
    try:
        if database_url.startswith("postgres"):
            import psycopg

            with psycopg.connect(database_url, connect_timeout=5) as connection:
                row = connection.execute("SELECT count(*) FROM directory_organisation").fetchone()
        else:
            path = Path(urlsplit(database_url).path)
            if not path.exists():
                return 0
            with contextlib.closing(sqlite3.connect(path)) as connection:
                row = connection.execute("SELECT count(*) FROM directory_organisation").fetchone()
    except Exception:  # any failure means "not usable, build it again"
        return 0
    return int(row[0]) if row else 0


def populate(env: dict[str, str], organisations: int, seed: int) -> tuple[float, str]:
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo", "--no-users")
    started = time.perf_counter()
    output = manage(
        env,
        "generate_demo",
        "--organisations",
        str(organisations),
        "--services-per-organisation",
        "2",
        "--seed",
        str(seed),
    )
    return time.perf_counter() - started, output.strip()


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "integrationsnetz.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)


def get(port: int, path: str, timeout: float = 300.0) -> tuple[int, bytes, float]:
    """One request on a new connection (gunicorn's sync workers close after each response)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "de"})
        response = connection.getresponse()
        body = response.read()
        status = response.status
    finally:
        connection.close()
    return status, body, (time.perf_counter() - started) * 1000


def wait_until_ready(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _body, _elapsed = get(port, "/healthz", timeout=5)
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


def children(pid: int) -> list[int]:
    result = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            # The command name may contain spaces; the fields after the closing parenthesis do not.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid:
                result.append(int(entry.name))
    return sorted(result)


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def search_paths() -> list[str]:
    return [
        "/verzeichnis/?" + urlencode({"q": word, "kind": kind, "field": field_slug})
        for word, kind, field_slug in QUERIES
    ]


def measure(port: int, requests: int, warmup: int, budget: float, result: BackendResult) -> None:
    """Warm up, then interleave search and baseline requests until done or ``budget`` seconds passed."""
    paths = search_paths()
    deadline = time.monotonic() + budget
    warmup_deadline = time.monotonic() + budget / 5
    for index in range(warmup):
        if time.monotonic() > warmup_deadline:
            result.notes.append(f"warm-up stopped after {index} pairs (time budget)")
            break
        get(port, paths[index % len(paths)])
        get(port, "/healthz")
    search, baseline = Timings(), Timings()
    sizes = []
    for index in range(requests):
        if time.monotonic() > deadline:
            result.notes.append(
                f"measurement stopped after {index} of {requests} pairs: time budget of {budget:.0f} s spent"
            )
            break
        path = paths[index % len(paths)]
        # Alternate the order so that neither kind always runs right after the other.
        order = [("search", path), ("baseline", "/healthz")]
        if index % 2:
            order.reverse()
        for kind, target in order:
            try:
                status, body, elapsed = get(port, target)
            except (OSError, http.client.HTTPException) as error:
                result.errors.append(f"{target}: {error}")
                continue
            if status != 200:
                result.errors.append(f"{target}: HTTP {status}")
                continue
            if kind == "search":
                search.samples_ms.append(elapsed)
                sizes.append(len(body))
                if b'class="facet-count"' in body:
                    result.facet_counts_present = True
            else:
                baseline.samples_ms.append(elapsed)
    result.search = search.summary()
    result.baseline = baseline.summary()
    result.search_bytes = int(statistics.fmean(sizes)) if sizes else 0


SELECTOR_PROBE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from integrationsnetz.directory.selectors import SearchFilters, organisation_search
from integrationsnetz.directory.models import Organisation, Service

queries = json.loads(sys.argv[1])
rounds = int(sys.argv[2])
report = {"organisations": Organisation.objects.count(), "services": Service.objects.count(), "queries": []}
with translation.override("de"):
    for word, kind, field in queries:
        filters = SearchFilters(query=word, kinds=(kind,), fields_of_action=(field,))
        times = []
        for _ in range(rounds + 1):  # the first run warms caches and is not counted
            started = time.perf_counter()
            result = organisation_search(filters)
            times.append((time.perf_counter() - started) * 1000)
            if times[0] > 5000:
                break  # slow enough that repeating it tells nothing new
        times = times[1:] or times
        with CaptureQueriesContext(connection) as captured:
            organisation_search(filters)
        slowest = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:3]
        report["queries"].append({
            "word": word, "kind": kind, "field": field, "total": result.total,
            "median_ms": statistics.median(times), "sql_queries": len(captured.captured_queries),
            "slowest_sql": [{"ms": float(q["time"]) * 1000, "sql": q["sql"][:300]} for q in slowest],
        })
print(json.dumps(report))
"""


def selector_timing(env: dict[str, str], rounds: int) -> dict[str, Any]:
    """Time ``organisation_search`` in-process (no HTTP, no template) on the same database."""
    completed = subprocess.run(
        [PYTHON, "-c", SELECTOR_PROBE, json.dumps(QUERIES), str(rounds)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if completed.returncode != 0:
        return {"error": completed.stderr[-2000:]}
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------------------------
# One backend, and the report
# --------------------------------------------------------------------------------------------


def run_backend(backend: str, database_url: str, args: argparse.Namespace) -> BackendResult:
    vendor = "postgresql" if database_url.startswith("postgres") else "sqlite"
    result = BackendResult(backend=backend, vendor=vendor)
    env = base_env(database_url)
    print(f"[{backend}] preparing {args.organisations} organisations ...", flush=True)
    if not (args.reuse and existing_organisations(database_url) >= args.organisations):
        if vendor == "postgresql":
            recreate_postgres(database_url)
        else:
            recreate_sqlite(Path(urlsplit(database_url).path))
        result.generation_seconds, message = populate(env, args.organisations, args.seed)
        print(f"[{backend}] {message} (generation {result.generation_seconds:.0f} s)", flush=True)
    selector = selector_timing(env, rounds=args.selector_rounds)
    result.selector = selector
    result.organisations = int(selector.get("organisations", 0))
    result.services = int(selector.get("services", 0))
    port = free_port()
    log = VAR / f"gunicorn-{backend}.log"
    with gunicorn(env, port, args.workers, log) as process:
        wait_until_ready(process, port, log)
        print(
            f"[{backend}] measuring {args.requests} + {args.requests} requests on port {port} ...", flush=True
        )
        measure(port, args.requests, args.warmup, args.budget, result)
        workers = children(process.pid)
        if workers:
            rss, peak = zip(*(memory_kib(pid) for pid in workers), strict=True)
            result.rss_kib, result.peak_rss_kib = max(rss), max(peak)
    print(
        f"[{backend}] search p50 {result.search['p50']:.1f} ms p95 {result.search['p95']:.1f} ms; "
        f"baseline p50 {result.baseline['p50']:.1f} ms p95 {result.baseline['p95']:.1f} ms; "
        f"RSS {result.rss_kib / 1024:.0f} MiB; errors {len(result.errors)}",
        flush=True,
    )
    return result


def run_backend_safely(backend: str, database_url: str, args: argparse.Namespace) -> BackendResult:
    """One backend; a failure is reported in the results instead of losing the other backend's."""
    try:
        return run_backend(backend, database_url, args)
    except Exception as error:  # a database driver error, a crashed server, a timeout, ...
        vendor = "postgresql" if database_url.startswith("postgres") else "sqlite"
        print(f"[{backend}] failed: {error}", file=sys.stderr)
        return BackendResult(backend=backend, vendor=vendor, skipped=f"failed: {str(error)[:200]}")


def fmt(value: float) -> str:
    return "–" if value != value else f"{value:.1f}"  # NaN check without math


def write_report(
    path: Path, results: list[BackendResult], info: dict[str, str], args: argparse.Namespace
) -> None:
    now = datetime.datetime.now(datetime.UTC).astimezone()
    lines = [
        "# Search benchmark",
        "",
        "Written by `make bench` (`bench/search_bench.py`); do not edit by hand.",
        "",
        f"Run: {now:%Y-%m-%d %H:%M %Z}, {args.organisations:,} generated organisations with 2 services each "
        f"(plus the demo data), {args.requests} search requests and {args.requests} baseline requests per "
        f"backend after {args.warmup} warm-up pairs, gunicorn with {args.workers} sync worker(s), DEBUG off, "
        "one request at a time from the same machine over loopback.",
        "",
        "Search request: `/verzeichnis/?q=<word>&kind=<kind>&field=<field of action>` with the words "
        + ", ".join(f"`{word}`" for word, _kind, _field in QUERIES)
        + " in turn; the page includes the facet counts. Baseline: `/healthz` (one `SELECT 1`).",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        "",
        "## Results",
        "",
        "| backend | organisations | search p50 ms | search p95 ms | baseline p50 ms | baseline p95 ms "
        "| ratio p50 | ratio p95 | worker RSS MiB (peak) | target p95 | result |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        if result.skipped:
            lines.append(
                f"| {result.backend} | – | – | – | – | – | – | – | – | – | skipped: {result.skipped} |"
            )
            continue
        target = TARGET_P95_MS[result.vendor]
        verdict = "pass" if result.passed else "FAIL"
        lines.append(
            f"| {result.backend} | {result.organisations:,} | {fmt(result.search['p50'])} | "
            f"{fmt(result.search['p95'])} | {fmt(result.baseline['p50'])} | {fmt(result.baseline['p95'])} | "
            f"{fmt(result.ratio_p50)} | {fmt(result.ratio_p95)} | {result.rss_kib / 1024:.0f} "
            f"({result.peak_rss_kib / 1024:.0f}) | ≤ {target:.0f} ms | {verdict} |"
        )
    lines += ["", "## Details", ""]
    for result in results:
        if result.skipped:
            continue
        lines += [
            f"### {result.backend}",
            "",
            f"- Data generation (`generate_demo`): {result.generation_seconds:.0f} s"
            if result.generation_seconds
            else "- Data generation: reused an existing database",
            f"- Search: p99 {fmt(result.search['p99'])} ms, mean {fmt(result.search['mean'])} ms, "
            f"max {fmt(result.search['max'])} ms, {result.search_bytes:,} bytes per page on average",
            f"- Facet counts in the page: {'yes' if result.facet_counts_present else 'NO'}",
            f"- Errors: {len(result.errors)}" + (f" (first: {result.errors[0]})" if result.errors else ""),
            *[f"- Note: {note}" for note in result.notes],
        ]
        selector = result.selector
        if "error" in selector:
            lines.append(f"- Selector timing failed: `{selector['error'][-300:]}`")
        else:
            lines += [
                "- In-process `organisation_search` (selector only, no HTTP or template), median of "
                f"{args.selector_rounds} runs after one warm-up run (one run when it takes over 5 s):",
                "",
                "  | word | kind | field | hits | median ms | SQL queries | slowest SQL ms |",
                "  |---|---|---|---|---|---|---|",
            ]
            for query in selector.get("queries", []):
                slowest = query["slowest_sql"][0]["ms"] if query["slowest_sql"] else float("nan")
                lines.append(
                    f"  | {query['word']} | {query['kind']} | {query['field']} | {query['total']:,} | "
                    f"{fmt(query['median_ms'])} | {query['sql_queries']} | {fmt(slowest)} |"
                )
        lines.append("")
    lines += [
        "## Targets",
        "",
        "p95 of the search request (full text plus two facets, facet counts included) at most 50 ms on "
        "PostgreSQL and at most 80 ms on SQLite. The ratio compares the search page with the trivial "
        "view measured in the same run, which factors out the machine's speed and load.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    (VAR / "results.json").write_text(
        json.dumps([asdict(result) for result in results], indent=2, default=str), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="5,000 organisations, 100 requests (smoke run)")
    parser.add_argument("--organisations", type=int)
    parser.add_argument("--requests", type=int)
    parser.add_argument("--warmup", type=int)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--selector-rounds", type=int, default=5)
    parser.add_argument(
        "--budget", type=float, help="Seconds of requests per backend at most (default 900, quick 120)."
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    parser.add_argument(
        "--reuse", action="store_true", help="Reuse a database of an earlier run when it holds enough rows."
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    args.organisations = args.organisations or (5_000 if args.quick else 100_000)
    args.requests = args.requests or (100 if args.quick else 300)
    args.warmup = args.warmup if args.warmup is not None else (10 if args.quick else 30)
    args.budget = args.budget or (120.0 if args.quick else 900.0)
    output = args.output or (VAR / "benchmarks-quick.md" if args.quick else ROOT / "docs" / "benchmarks.md")
    VAR.mkdir(parents=True, exist_ok=True)
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

    info = machine()
    results: list[BackendResult] = []
    for backend in [name.strip() for name in args.backends.split(",") if name.strip()]:
        if backend == "sqlite":
            url = f"sqlite:///{VAR / ('bench-quick.sqlite3' if args.quick else 'bench.sqlite3')}"
            results.append(run_backend_safely("SQLite", url, args))
        elif backend in {"postgresql", "postgres"}:
            if not postgres_reachable(args.postgres_url):
                if in_ci:
                    print("PostgreSQL is required in CI but does not answer", file=sys.stderr)
                    return 1
                results.append(
                    BackendResult(backend="PostgreSQL", vendor="postgresql", skipped="not reachable")
                )
                continue
            info["PostgreSQL"] = postgres_version(args.postgres_url)
            results.append(run_backend_safely("PostgreSQL", args.postgres_url, args))
        else:
            parser.error(f"unknown backend {backend!r}")
    write_report(output, results, info, args)
    print(f"Report written to {output}")
    return 0 if all(result.passed or result.skipped for result in results) else 2


if __name__ == "__main__":
    sys.exit(main())
