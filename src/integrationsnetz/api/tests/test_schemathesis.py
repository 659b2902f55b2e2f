"""Property-based tests of /api/v1 against its own OpenAPI description (schemathesis, in-process WSGI).

Reads with generated parameters and the write endpoints without a token: never a 5xx, and every
response matches the description.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from integrationsnetz.api.v1 import api

# The description comes straight from the API object, so collecting this module needs no database.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = WSGIHandler()


@pytest.fixture(autouse=True)
def _keep_the_test_connection(data: Any) -> Iterator[None]:
    # The WSGI handler would close the test's database connection (inside its transaction) at the
    # end of every request, as Django's own test client avoids: detach that for these tests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Writes anyone may send without a token: asking for a newsletter subscription (double opt-in follows).
PUBLIC_WRITES = {("POST", "/api/v1/news/newsletters/{slug}/subscriptions")}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api_v1_matches_its_openapi_description(case: Any) -> None:
    response = case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
    documented = case.method.upper() == case.operation.method.upper()
    if (case.method.upper(), case.path) in PUBLIC_WRITES:
        # Open by design; the only answers are "accepted", "not JSON", "no such thing" and "invalid".
        assert response.status_code in {202, 400, 404, 422}, (case.method, case.path, response.status_code)
    elif documented and case.method.upper() in {"PATCH", "POST", "PUT", "DELETE"}:
        # No token was sent: every write is refused before it looks at anything else.
        assert response.status_code == 401, (case.method, case.path, response.status_code)
