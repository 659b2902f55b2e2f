"""Factories for posts, newsletters, issues, subscribers and subscriptions."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from integrationsnetz.core.tests.factories import RegionFactory
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, Subscriber, Subscription


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Meldung {n}")
    slug = factory.Sequence(lambda n: f"meldung-{n}")
    body = "Erster Absatz.\n\nZweiter Absatz."
    summary = "Kurz gesagt."
    region = factory.SubFactory(RegionFactory)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class NewsletterFactory(factory.django.DjangoModelFactory[Newsletter]):
    class Meta:
        model = Newsletter

    name = factory.Sequence(lambda n: f"Newsletter {n}")
    slug = factory.Sequence(lambda n: f"newsletter-{n}")
    region = factory.SubFactory(RegionFactory)
    sender_name = "Redaktion"
    sender_email = "redaktion@example.org"


class IssueFactory(factory.django.DjangoModelFactory[Issue]):
    class Meta:
        model = Issue

    newsletter = factory.SubFactory(NewsletterFactory)
    number = factory.Sequence(lambda n: f"{n}/26")
    title = "Zum Thema Migration und Integration"
    subject = factory.LazyAttribute(lambda o: f"Newsletter {o.number}")


class IssueBlockFactory(factory.django.DjangoModelFactory[IssueBlock]):
    class Meta:
        model = IssueBlock

    issue = factory.SubFactory(IssueFactory)
    kind = IssueBlock.Kind.EDITORIAL
    heading = "Liebe Leserinnen und Leser"
    body = "Ein Grußwort."
    signature = "Mit freundlichen Grüßen"


class SubscriberFactory(factory.django.DjangoModelFactory[Subscriber]):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"leser{n}@example.org")


class SubscriptionFactory(factory.django.DjangoModelFactory[Subscription]):
    """A confirmed subscription (the state every send test needs)."""

    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    newsletter = factory.SubFactory(NewsletterFactory)
    status = Subscription.Status.ACTIVE
    confirmed_at = factory.LazyFunction(timezone.now)
    language = "de"
