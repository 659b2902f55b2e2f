"""Shared test actors (STYLE.md rule 8) and services.

The actors: the coordinating ``office``; ``owner``, coordinator of Nordsachsen, where ``organisation``
is seated; ``editor`` of that organisation; ``outsider``, coordinator of Mittelsachsen and editor of
another organisation there; and the anonymous visitor (no login). Second factors are marked verified
by ``login`` so that tests of other rules are not stopped by the TOTP requirement.
"""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from typing import Any

import pytest

from integrationsnetz.accounts.models import Role, User
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.core.models import Region
from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.tests.factories import OrganisationFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, what: str) -> None:
    """Skip locally when a service is missing; in CI a missing service is a failure, never a skip."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but not available")
    pytest.skip(f"{what} not available")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow (about a second per actor here); tests need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default(settings: Any) -> Any:
    """Tests read the English msgids; the German catalogue has tests of its own (core/tests/test_views.py)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Actors:
    state: Region
    nordsachsen: Region
    eilenburg: Region
    mittelsachsen: Region
    office: User
    owner: User
    editor: User
    outsider: User
    organisation: Organisation
    other_organisation: Organisation


@pytest.fixture
def actors(db: Any) -> Actors:
    state = RegionFactory(key="14", name="Freistaat Sachsen", kind=Region.Kind.STATE)
    nordsachsen = RegionFactory(key="14730", name="Nordsachsen", parent=state)
    eilenburg = RegionFactory(key="14730110", name="Eilenburg", kind=Region.Kind.TOWN, parent=nordsachsen)
    mittelsachsen = RegionFactory(key="14522", name="Mittelsachsen", parent=state)
    organisation = OrganisationFactory(name="Willkommen in Eilenburg e. V.", region=eilenburg)
    other_organisation = OrganisationFactory(name="Freiberger Helferkreis", region=mittelsachsen)
    office = UserFactory(email="office@example.org", full_name="Geschäftsstelle")
    MembershipFactory(user=office, role=Role.OFFICE_ADMIN)
    owner = UserFactory(email="owner@example.org", full_name="Koordination Nordsachsen")
    MembershipFactory(user=owner, role=Role.REGIONAL_COORDINATOR, region=nordsachsen)
    editor = UserFactory(email="editor@example.org", full_name="Vereinsredaktion")
    MembershipFactory(user=editor, role=Role.ORGANISATION_EDITOR, organisation=organisation)
    outsider = UserFactory(email="outsider@example.org", full_name="Koordination Mittelsachsen")
    MembershipFactory(user=outsider, role=Role.REGIONAL_COORDINATOR, region=mittelsachsen)
    MembershipFactory(user=outsider, role=Role.ORGANISATION_EDITOR, organisation=other_organisation)
    return Actors(
        state=state,
        nordsachsen=nordsachsen,
        eilenburg=eilenburg,
        mittelsachsen=mittelsachsen,
        office=office,
        owner=owner,
        editor=editor,
        outsider=outsider,
        organisation=organisation,
        other_organisation=other_organisation,
    )


@pytest.fixture
def login(client: Any) -> Any:
    """``login(user)`` logs the test client in with the second factor already verified."""

    def do_login(user: User) -> Any:
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = _verified_device(user).persistent_id
        session.save()
        return client

    return do_login


def _verified_device(user: User) -> Any:
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    return device


@pytest.fixture
def smtp_server(settings: Any) -> Any:
    """A real SMTP server on loopback; Django's mail goes to it over TCP for the test's duration."""
    from integrationsnetz.core.testing.smtp_sink import smtp_sink

    with smtp_sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = sink.host
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield sink


@pytest.fixture
def celery_broker_url() -> Any:
    """A Redis database of this test's own for a real Celery worker (core/testing/celery_worker.py)."""
    from integrationsnetz.core.testing.celery_worker import REDIS_HOST, REDIS_PORT, redis_database

    require_service(port_open(REDIS_HOST, REDIS_PORT), "Redis")
    with redis_database() as url:
        yield url
