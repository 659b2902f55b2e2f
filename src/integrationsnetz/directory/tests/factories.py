"""Factories for organisations, services, locations and contact persons."""

import factory

from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.directory.models import ContactPerson, Location, Network, Organisation, Service


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kind = Organisation.Kind.ASSOCIATION
    status = Organisation.Status.ACTIVE
    region = factory.SubFactory(RegionFactory)
    email = factory.Sequence(lambda n: f"info{n}@example.org")
    search_text = factory.LazyAttribute(lambda o: f"{o.name}\n{getattr(o, 'description', '')}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Beratung {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Beratungsstelle {n}")
    city = "Leipzig"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    function = "Beratung"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netzwerk {n}")
    short_name = factory.Sequence(lambda n: f"NW{n}")
    region = factory.SubFactory(RegionFactory)
