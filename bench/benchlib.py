"""What every benchmark behind ``make bench`` shares: Django on a fresh SQLite file, the machine
description and percentiles.

The scripts run as ``python bench/<name>_bench.py``, so this module is imported as ``benchlib``.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import statistics
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"


def setup_django(database: Path, **environment: str) -> None:
    """Django in this process against a fresh, migrated SQLite file, DEBUG off, tasks in-process.

    ``environment`` adds settings (e.g. ``MEDIA_ROOT``). WeasyPrint's and Celery's INFO lines are
    silenced: the report is what matters.
    """
    import logging
    import sys

    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "integrationsnetz.settings",
            "ENVIRONMENT": "development",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{database}",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            **environment,
        }
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    for name in ("weasyprint", "fontTools", "celery"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


@dataclass
class Timings:
    samples_ms: list[float] = field(default_factory=list)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.samples_ms)
        if not ordered:
            return float("nan")
        # Linear interpolation between closest ranks (as numpy's default).
        position = (len(ordered) - 1) * fraction
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    def summary(self) -> dict[str, float]:
        return {
            "n": len(self.samples_ms),
            "p50": self.percentile(0.50),
            "p95": self.percentile(0.95),
            "p99": self.percentile(0.99),
            "mean": statistics.fmean(self.samples_ms) if self.samples_ms else float("nan"),
            "max": max(self.samples_ms, default=float("nan")),
        }


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} (kernel {platform.release()})"
    import django
    import gunicorn as gunicorn_package  # type: ignore[import-untyped]

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical cores",
        "RAM": memory,
        "OS": system,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn_package.__version__,
        "SQLite": sqlite3.sqlite_version,
        "Load average at start (1, 5, 15 min)": load,
    }
