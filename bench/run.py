#!/usr/bin/env python3
"""``make bench``: run every ``bench/<topic>_bench.py`` and compose docs/benchmarks.md from their reports.

Each script takes ``--output PATH`` (a Markdown report starting with a ``# Title`` line, including the
machine, the date, its figures and the ratio to a baseline measured in the same run) and ``--quick``
(a smoke run). ``--only search,meetings`` runs some of them; the sections of the others are kept from
the last full run (each section sits between ``<!-- bench:<topic> -->`` markers in docs/benchmarks.md),
so that the page always shows every benchmark.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from benchlib import ROOT, VAR

SECTIONS = VAR / "sections"
PAGE = ROOT / "docs" / "benchmarks.md"
MARKED = re.compile(r"<!-- bench:(?P<topic>[\w-]+) -->\n(?P<body>.*?)\n<!-- /bench:(?P=topic) -->", re.S)


def topics() -> list[str]:
    return sorted(path.name.removesuffix("_bench.py") for path in (ROOT / "bench").glob("*_bench.py"))


def demoted(report: str) -> str:
    """One level down, so that each report is a section of the composed page."""
    return "\n".join(f"#{line}" if line.startswith("#") else line for line in report.splitlines())


def published_sections(page: Path) -> dict[str, str]:
    if not page.exists():
        return {}
    return {match["topic"]: match["body"] for match in MARKED.finditer(page.read_text(encoding="utf-8"))}


def compose(output: Path, fresh: set[str]) -> None:
    earlier = published_sections(output)
    parts = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py` runs every `bench/<topic>_bench.py`); do not edit by hand. "
        "Each section names its machine, date, figures and the ratio to a baseline measured in the same run.",
    ]
    for topic in topics():
        section = SECTIONS / f"{topic}.md"
        if topic in fresh and section.exists():
            body = demoted(section.read_text(encoding="utf-8").strip())
        else:
            body = earlier.get(topic, f"## {topic}\n\nNot run yet.")
        parts += ["", f"<!-- bench:{topic} -->", body, f"<!-- /bench:{topic} -->"]
    output.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", default="", help="Comma-separated topics, e.g. search,meetings.")
    parser.add_argument(
        "--quick", action="store_true", help="Smoke runs; writes var/bench/benchmarks-quick.md."
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or topics()
    unknown = sorted(set(chosen) - set(topics()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(topics())}")
    SECTIONS.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    for topic in chosen:
        section = SECTIONS / f"{topic}{'-quick' if args.quick else ''}.md"
        command = [sys.executable, str(ROOT / "bench" / f"{topic}_bench.py"), "--output", str(section)]
        section.unlink(missing_ok=True)  # a crashed run must not publish an old report as new
        print(f"== {topic}", flush=True)
        if subprocess.run([*command, *(["--quick"] if args.quick else [])], cwd=ROOT, check=False).returncode:
            failed.append(topic)
    if args.quick:
        quick = VAR / "benchmarks-quick.md"
        quick.write_text(
            "\n\n".join(
                (SECTIONS / f"{topic}-quick.md").read_text(encoding="utf-8")
                for topic in chosen
                if (SECTIONS / f"{topic}-quick.md").exists()
            ),
            encoding="utf-8",
        )
        print(f"Quick reports: {quick}")
    else:
        compose(PAGE, fresh=set(chosen))
        print(f"Report written to {PAGE}")
    if failed:
        print(f"Missed their targets or failed: {', '.join(failed)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
