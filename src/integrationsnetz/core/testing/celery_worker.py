"""A real Celery worker in a process of its own, for integration tests and benchmarks.

The worker sees committed rows only, through a DATABASE_URL of its own: a PostgreSQL test database is
shared directly, SQLite's in-memory test database is copied to a file (``VACUUM INTO``) that the
worker opens. Each run claims its own Redis database number (SET NX in database 0), so parallel runs
(pytest -n 2, other checkouts, a benchmark) never take each other's jobs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from django.db import connection

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PROJECT_DIR = Path(__file__).resolve().parents[4]  # src/integrationsnetz/core/testing/ -> the checkout
_CLAIM = "integrationsnetz-tests:claim:{}"


@contextmanager
def redis_database(*, claim_seconds: int = 900) -> Iterator[str]:
    """The URL of a Redis database (1-15) claimed for this run, emptied before and after."""
    import redis

    control = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=0)
    token = uuid.uuid4().hex
    try:
        claimed = next(
            (n for n in range(1, 16) if control.set(_CLAIM.format(n), token, nx=True, ex=claim_seconds)), None
        )
        if claimed is None:
            raise RuntimeError("No free Redis database (1-15) for a Celery worker")
        own = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=claimed)
        own.flushdb()
        try:
            yield f"redis://{REDIS_HOST}:{REDIS_PORT}/{claimed}"
        finally:
            own.flushdb()
            own.close()
            if control.get(_CLAIM.format(claimed)) == token.encode():
                control.delete(_CLAIM.format(claimed))
    finally:
        control.close()


def worker_database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """A DATABASE_URL for the worker that reaches the rows committed so far (and a SQLite copy's path)."""
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(database["USER"] or "")
        if database.get("PASSWORD"):
            credentials += ":" + quote(database["PASSWORD"])
        host = database.get("HOST") or "127.0.0.1"
        port = database.get("PORT") or 5432
        return f"postgres://{credentials}@{host}:{port}/{database['NAME']}", None
    copy = tmp_path / "worker.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    return f"sqlite:///{copy}", copy


def worker_environment(
    *, database_url: str, broker_url: str, email_url: str, var_dir: Path, **extra: str
) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_DIR / "src"),
        "DJANGO_SETTINGS_MODULE": "integrationsnetz.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": email_url,
        "VAR_DIR": str(var_dir),
        **extra,
    }


def worker_start(
    env: dict[str, str], *, log: IO[bytes], name: str = "", loglevel: str = "INFO"
) -> subprocess.Popen[bytes]:
    """One worker with the solo pool (one job at a time), named ``name`` (a new name if empty)."""
    return subprocess.Popen(  # noqa: S603 - a fixed command line; only the worker name varies
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "integrationsnetz",
            "worker",
            "--pool=solo",
            f"--loglevel={loglevel}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            name or f"test-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def worker_stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _broker_connections_reset() -> None:
    # The app keeps a connection pool for the broker URL it first saw, and kombu keeps producer pools
    # per URL for the whole process: drop both so that the next publish goes to the URL set now.
    from kombu import pools

    from integrationsnetz.celery import app

    pools.reset()
    celery_app: Any = app
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None


def enqueue(task: Any, *args: Any, broker_url: str) -> None:
    """``task.delay(*args)`` through the broker at ``broker_url``, although tests run tasks eagerly."""
    from integrationsnetz.celery import app

    conf: Any = app.conf
    previous = (conf.broker_url, conf.task_always_eager)
    _broker_connections_reset()
    conf.broker_url, conf.task_always_eager = broker_url, False
    try:
        task.delay(*args)
    finally:
        conf.broker_url, conf.task_always_eager = previous
        _broker_connections_reset()
