# mypy: disable-error-code="attr-defined, arg-type, misc, union-attr"
"""No overbooking under concurrency: on PostgreSQL, 200 registrations racing for 80 places.

Every registration runs in its own thread with its own database connection and transaction, all
released at once by a barrier; the meeting row lock in ``registration_create`` must serialise the
counting. SQLite serialises every write anyway (one writer at a time), so there the race cannot
happen and the test is skipped; on PostgreSQL it always runs.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.db import connection, connections

from integrationsnetz.meetings import services
from integrationsnetz.meetings.models import Meeting, Registration
from integrationsnetz.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

T = TypeVar("T")
PEOPLE = 200
PLACES = 80
# Below PostgreSQL's default max_connections (100), leaving room for other test runs on the server.
THREADS = 40


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writes; the race only exists on PostgreSQL")


def run_at_once(calls: list[Callable[[], T]]) -> list[T | BaseException]:
    """Run ``calls`` in threads that start together; each thread closes its own connection."""
    barrier = threading.Barrier(min(THREADS, len(calls)))

    def run(call: Callable[[], T]) -> T | BaseException:
        try:
            # A broken barrier (a thread failed early) must not hang the others: they just start.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            return call()
        except BaseException as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(run, calls))


def test_200_concurrent_registrations_for_80_places() -> None:
    meeting = MeetingFactory(capacity=PLACES, status=Meeting.Status.REGISTRATION_OPEN)

    def registration(number: int) -> Callable[[], Registration]:
        return lambda: services.registration_create(
            meeting=meeting, name=f"Person {number}", email=f"person{number}@example.org"
        )

    results = run_at_once([registration(number) for number in range(PEOPLE)])

    errors = [result for result in results if isinstance(result, BaseException)]
    assert errors == []
    statuses = Counter(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == {Registration.Status.REGISTERED: PLACES, Registration.Status.WAITING: PEOPLE - PLACES}

    # Ten simultaneous cancellations of the same registration promote exactly one waiting person.
    cancelled = Registration.objects.filter(meeting=meeting, status=Registration.Status.REGISTERED).first()
    first_waiting = (
        Registration.objects.filter(meeting=meeting, status=Registration.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    assert cancelled is not None and first_waiting is not None
    outcomes = run_at_once([lambda: services.registration_cancel(registration=cancelled) for _ in range(10)])
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    promoted = [o for o in outcomes if isinstance(o, Registration)]
    assert [p.pk for p in promoted] == [first_waiting.pk]
    statuses = Counter(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == {
        Registration.Status.REGISTERED: PLACES,
        Registration.Status.WAITING: PEOPLE - PLACES - 1,
        Registration.Status.CANCELLED: 1,
    }


def test_concurrent_cancellations_of_different_people_promote_in_order() -> None:
    meeting = MeetingFactory(capacity=5, status=Meeting.Status.REGISTRATION_OPEN)
    people = [
        services.registration_create(meeting=meeting, name=f"P{n}", email=f"p{n}@example.org")
        for n in range(10)
    ]
    outcomes: list[Any] = run_at_once(
        [lambda r=registration: services.registration_cancel(registration=r) for registration in people[:5]]
    )
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    promoted = sorted(o.pk for o in outcomes if isinstance(o, Registration))
    assert promoted == [r.pk for r in people[5:]]
    assert Registration.objects.filter(meeting=meeting, status=Registration.Status.REGISTERED).count() == 5
