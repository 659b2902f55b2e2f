# mypy: disable-error-code="attr-defined, arg-type, misc, list-item"
"""Directory writes: applications, concurrency, networks, identifiers, deletes and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role
from integrationsnetz.accounts.tests.factories import UserFactory
from integrationsnetz.core.models import SentMail
from integrationsnetz.directory import services
from integrationsnetz.directory.models import (
    ContactPerson,
    ExternalIdentifier,
    JoinApplication,
    NetworkMembership,
    Organisation,
    Service,
)
from integrationsnetz.directory.tests.factories import NetworkFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _apply(actors, applicant, name="Neue Initiative Torgau"):
    return services.organisation_apply(
        applicant=applicant,
        message="Wir helfen beim Ankommen.",
        name=name,
        kind=Organisation.Kind.INITIATIVE,
        region=actors.nordsachsen,
    )


def test_application_stays_hidden_and_gives_no_rights_until_approved(actors):
    applicant = UserFactory(email="applicant@example.org")
    application = _apply(actors, applicant)
    organisation = application.organisation
    assert organisation.status == Organisation.Status.APPLIED
    assert organisation.confirmed_at is None
    assert not Membership.objects.filter(user=applicant).exists()


def test_approval_activates_grants_editor_and_mails_once_in_the_applicants_language(
    actors, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = UserFactory(email="applicant@example.org", preferred_language="en")
    application = _apply(actors, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=actors.office)
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.APPROVED
    assert application.organisation.status == Organisation.Status.ACTIVE
    assert application.organisation.confirmed_at is not None
    assert Membership.objects.filter(
        user=applicant, role=Role.ORGANISATION_EDITOR, organisation=application.organisation
    ).exists()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["applicant@example.org"]
    assert "approved" in mail.subject
    assert mail.alternatives and mail.alternatives[0][1] == "text/html"
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.APPROVE).count() == 1
    # A retried task sends nothing more.
    assert services.application_decision_notify(application_id=application.pk) is False
    assert len(mailoutbox) == 1


def test_rejection_needs_a_reason_and_sends_it(actors, mailoutbox, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="applicant@example.org")
    application = _apply(actors, applicant)
    with pytest.raises(ValidationError):
        services.application_reject(application=application, actor=actors.office, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            application=application, actor=actors.office, reason="Kein Bezug zu Sachsen."
        )
    application.refresh_from_db()
    assert application.organisation.status == Organisation.Status.REJECTED
    assert not Membership.objects.filter(user=applicant).exists()
    assert len(mailoutbox) == 1
    assert "Kein Bezug zu Sachsen." in mailoutbox[0].body
    with pytest.raises(ValidationError):
        services.application_approve(application=application, actor=actors.office)


def test_stale_edit_is_rejected_and_nothing_changes(actors):
    organisation = actors.organisation
    loaded_at = organisation.updated_at
    services.organisation_update(organisation=organisation, actor=actors.editor, description="Erste Änderung")
    with pytest.raises(services.ConcurrentEditError):
        services.organisation_update(
            organisation=organisation,
            actor=actors.owner,
            expected_updated_at=loaded_at,
            description="Zweite Änderung",
        )
    organisation.refresh_from_db()
    assert organisation.description == "Erste Änderung"


def test_update_logs_old_and_new_values(actors):
    services.organisation_update(organisation=actors.organisation, actor=actors.editor, phone="0341 123")
    entry = AuditLogEntry.objects.get(
        action=AuditLogEntry.Action.UPDATE, object_id=str(actors.organisation.pk)
    )
    assert entry.changes["phone"] == ["", "0341 123"]
    assert entry.actor == actors.editor
    assert list(entry.regions.all()) == [actors.eilenburg]


def test_networks_and_identifiers_are_set_exactly(actors):
    nims = NetworkFactory(short_name="NIMS", region=actors.state)
    kaib = NetworkFactory(short_name="KAIB", region=actors.state)
    since = timezone.localdate() - timedelta(days=400)
    services.organisation_networks_set(
        organisation=actors.organisation, actor=actors.editor, memberships=[(nims, since), (kaib, None)]
    )
    services.organisation_networks_set(
        organisation=actors.organisation, actor=actors.editor, memberships=[(nims, None)]
    )
    assert list(NetworkMembership.objects.values_list("network__short_name", "since")) == [("NIMS", None)]
    services.organisation_external_identifiers_set(
        organisation=actors.organisation, actor=actors.editor, identifiers=[("XZuFi", " 123 ")]
    )
    assert list(ExternalIdentifier.objects.values_list("scheme", "identifier")) == [("xzufi", "123")]
    changes = AuditLogEntry.objects.filter(object_id=str(actors.organisation.pk)).values_list(
        "changes", flat=True
    )
    assert any("networks" in change for change in changes)
    assert any("external_identifiers" in change for change in changes)


def test_contact_consent_is_timestamped_with_its_wording_and_withdrawn(actors):
    contact = services.contact_person_save(
        organisation=actors.organisation, actor=actors.editor, name="Beraterin", consent_to_publish=True
    )
    assert contact.consent_recorded_at is not None
    assert "withdraw" in contact.consent_wording
    contact = services.contact_person_save(
        organisation=actors.organisation, actor=actors.editor, contact=contact, consent_to_publish=False
    )
    assert contact.consent_recorded_at is None
    assert not contact.is_public


def test_deletes_are_audited(actors):
    service = ServiceFactory(organisation=actors.organisation, name="Sprachcafé")
    services.service_delete(service=service, actor=actors.editor)
    assert not Service.objects.filter(pk=service.pk).exists()
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.DELETE)
    assert entry.changes["name"] == ["Sprachcafé", None]
    contact = services.contact_person_save(organisation=actors.organisation, actor=actors.editor, name="X")
    services.contact_person_delete(contact=contact, actor=actors.editor)
    assert not ContactPerson.objects.exists()


def test_reserved_slugs_are_never_given(actors):
    organisation = services.organisation_create(
        actor=actors.office, name="Redaktion", kind=Organisation.Kind.ASSOCIATION, region=actors.nordsachsen
    )
    assert organisation.slug == "redaktion-2"


def test_confirmation_due_before_handles_month_ends():
    now = timezone.now().replace(year=2025, month=3, day=31)
    due = services.confirmation_due_before(now)
    assert (due.year, due.month, due.day) == (2024, 3, 31)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.DIRECTORY_CONFIRMATION_MONTHS", 1)
        due = services.confirmation_due_before(now)
    assert (due.year, due.month, due.day) == (2025, 2, 28)


def test_confirm_sets_confirmed_at_and_logs(actors):
    Organisation.objects.filter(pk=actors.organisation.pk).update(confirmed_at=None)
    services.organisation_confirm(organisation=actors.organisation, actor=None)
    actors.organisation.refresh_from_db()
    assert actors.organisation.confirmed_at is not None
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.CONFIRM).count() == 1
    assert not SentMail.objects.exists()
