"""Factories for regions and vocabularies."""

import factory

from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"99{n:06d}")
    name = factory.Sequence(lambda n: f"Region {n}")
    kind = Region.Kind.DISTRICT
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else '/'}{o.key}/")
    depth = factory.LazyAttribute(lambda o: o.path.count("/") - 2)


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"field-{n}")
    name_de = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_de = factory.Sequence(lambda n: f"Zielgruppe {n}")
    name_en = factory.Sequence(lambda n: f"Target group {n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "ar"
    name_de = "Arabisch"
    name_en = "Arabic"
    native_name = "العربية"
    direction = Language.Direction.RTL
