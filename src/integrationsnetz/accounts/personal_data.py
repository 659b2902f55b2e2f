"""Registry of the personal data each app holds about a user, for the export and account deletion.

Every app that stores data about a person registers an exporter (``user -> dict``, JSON-serialisable)
and, where it must change or remove something when the account goes, an eraser (``user -> None``) from
its ``AppConfig.ready``. Accounts itself never imports the other apps: the registry is filled by them,
so the dependency runs the allowed way (domain apps -> accounts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]

# Top-level keys of the export that accounts fills itself; a source may not take one of them.
RESERVED_NAMES = frozenset(
    {"format", "exported_at", "account", "memberships", "audit_log", "otp_devices", "login_records"}
)


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    exporter: Exporter
    eraser: Eraser | None = None


_sources: dict[str, PersonalDataSource] = {}


def register(name: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    """Register the exporter (and eraser) of an app under ``name``, the key of its part of the export.

    Registering the same functions again (a second ``ready()`` in tests) is harmless; registering
    different ones under a taken name is a programming error.
    """
    if name in RESERVED_NAMES:
        raise RuntimeError(f"{name!r} is reserved for the account's own data")
    source = PersonalDataSource(name=name, exporter=exporter, eraser=eraser)
    existing = _sources.get(name)
    if existing is not None and existing != source:
        raise RuntimeError(f"A personal data source named {name!r} is already registered")
    _sources[name] = source


def unregister(name: str) -> None:
    """Remove a source (for tests that register a temporary one)."""
    _sources.pop(name, None)


def sources() -> list[PersonalDataSource]:
    return sorted(_sources.values(), key=lambda source: source.name)


def export_all(user: Any) -> dict[str, dict[str, Any]]:
    """``{source name: exported data}`` of every registered source."""
    return {source.name: source.exporter(user) for source in sources()}


def erase_all(user: Any) -> None:
    """Run every registered eraser; called inside the deletion's transaction, before the user row goes."""
    for source in sources():
        if source.eraser is not None:
            source.eraser(user)
