"""Factories for meeting series, meetings, invitations, registrations and working groups."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.meetings.models import (
    Invitation,
    Meeting,
    MeetingSeries,
    ProgrammeItem,
    Registration,
    WorkingGroup,
    Workshop,
)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    """An aware datetime ``days`` from now at ``hour`` o'clock German time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class MeetingSeriesFactory(factory.django.DjangoModelFactory[MeetingSeries]):
    class Meta:
        model = MeetingSeries

    name = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    slug = factory.Sequence(lambda n: f"netzwerktreffen-{n}")
    kind = MeetingSeries.Kind.DISTRICT_NETWORK
    region = factory.SubFactory(RegionFactory)
    organiser_name = "Koordinierungsstelle"


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    series = factory.SubFactory(MeetingSeriesFactory)
    title = factory.Sequence(lambda n: f"Treffen {n}")
    motto = "Vernetzung"
    starts_at = factory.LazyFunction(lambda: in_days(30, 10))
    ends_at = factory.LazyFunction(lambda: in_days(30, 15))
    venue_name = "Landratsamt"
    venue_address = "Dr.-Belian-Straße 4-5, 04838 Eilenburg"
    status = Meeting.Status.REGISTRATION_OPEN
    capacity = 80


class ProgrammeItemFactory(factory.django.DjangoModelFactory[ProgrammeItem]):
    class Meta:
        model = ProgrammeItem

    meeting = factory.SubFactory(MeetingFactory)
    kind = ProgrammeItem.Kind.INPUT
    title = factory.Sequence(lambda n: f"Input {n}")
    position = factory.Sequence(lambda n: n)


class WorkshopFactory(factory.django.DjangoModelFactory[Workshop]):
    class Meta:
        model = Workshop

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    capacity = 10


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    name = factory.Sequence(lambda n: f"Gast {n}")
    language = "de"


class RegistrationFactory(factory.django.DjangoModelFactory[Registration]):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation_name = "Verein"
    status = Registration.Status.REGISTERED


class WorkingGroupFactory(factory.django.DjangoModelFactory[WorkingGroup]):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Arbeitskreis {n}")
    slug = factory.Sequence(lambda n: f"arbeitskreis-{n}")
    region = factory.SubFactory(RegionFactory)
