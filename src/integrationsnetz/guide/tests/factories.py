"""Factories for the guide's matters, entries, pages and forms."""

import factory

from integrationsnetz.core.tests.factories import FieldOfActionFactory, RegionFactory
from integrationsnetz.directory.tests.factories import OrganisationFactory
from integrationsnetz.guide.models import Form, InfoPage, Matter, Responsibility


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"anliegen-{n}")
    name = factory.Sequence(lambda n: f"Anliegen {n}")
    description = "Worum es geht."
    what_to_bring = "Pass"
    field_of_action = factory.SubFactory(FieldOfActionFactory)


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Responsibility.Role.RESPONSIBLE

    @factory.post_generation
    def target_groups(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.target_groups.set(extracted)


class InfoPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoPage

    slug = factory.Sequence(lambda n: f"seite-{n}")
    region = factory.SubFactory(RegionFactory)
    topic = InfoPage.Topic.ARRIVAL
    title = factory.Sequence(lambda n: f"Ankommen {n}")
    body = "Willkommen. Hier finden Sie erste Schritte."


class FormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Form

        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"formular-{n}")
    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Antrag {n}")

    @factory.post_generation
    def matters(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.matters.set(extracted)
