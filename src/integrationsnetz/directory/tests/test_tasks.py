# mypy: disable-error-code="attr-defined, arg-type, misc, list-item"
"""Background jobs: the confirmation sweep and the decision mails are idempotent."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from integrationsnetz.accounts.models import Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.core.models import SentMail
from integrationsnetz.directory import tasks
from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _make_due(*organisations):
    long_ago = timezone.now() - timedelta(days=400)
    Organisation.objects.update(confirmed_at=timezone.now())
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).update(
        confirmed_at=long_ago, confirmation_requested_at=None
    )


def test_sweep_asks_due_organisations_once_and_each_recipient_once(
    actors, mailoutbox, django_capture_on_commit_callbacks
):
    fresh = OrganisationFactory(region=actors.mittelsachsen)
    applied = OrganisationFactory(region=actors.mittelsachsen, status=Organisation.Status.APPLIED)
    _make_due(actors.organisation, applied)
    english_editor = UserFactory(email="second-editor@example.org", preferred_language="en")
    MembershipFactory(user=english_editor, role=Role.ORGANISATION_EDITOR, organisation=actors.organisation)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_confirmations() == 1
    actors.organisation.refresh_from_db()
    assert actors.organisation.confirmation_requested_at is not None
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted(
        [actors.organisation.email, "editor@example.org", "second-editor@example.org"]
    )
    english = next(mail for mail in mailoutbox if mail.to == ["second-editor@example.org"])
    assert "still current" in english.subject
    assert "/verzeichnis/bestaetigen/" in english.body

    # The sweep again (a retry, or the next night): nothing due, nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_confirmations() == 0
        assert tasks.request_confirmation(actors.organisation.pk) is False
    # The send task delivered twice (a redelivery): the sent markers stop a second mail.
    assert tasks.send_confirmation_request(actors.organisation.pk) == 0
    assert len(mailoutbox) == 3
    fresh.refresh_from_db()
    assert fresh.confirmation_requested_at is None
    applied.refresh_from_db()
    assert applied.confirmation_requested_at is None


def test_a_request_older_than_the_period_is_repeated(actors, mailoutbox, django_capture_on_commit_callbacks):
    _make_due(actors.organisation)
    Organisation.objects.filter(pk=actors.organisation.pk).update(
        confirmation_requested_at=timezone.now() - timedelta(days=400)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_confirmations() == 1
    assert len(mailoutbox) == 2
    assert SentMail.objects.count() == 2


def test_management_command_runs_the_sweep(actors, mailoutbox, django_capture_on_commit_callbacks):
    _make_due(actors.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("request_confirmations", stdout=io.StringIO())
    assert len(mailoutbox) == 2


def test_send_task_for_a_missing_or_unasked_organisation_sends_nothing(actors, mailoutbox):
    assert tasks.send_confirmation_request(999999) == 0
    assert tasks.send_confirmation_request(actors.organisation.pk) == 0
    assert tasks.send_application_decision(999999) is False
    assert mailoutbox == []
