# mypy: disable-error-code="attr-defined, arg-type, misc, list-item"
"""Editing pages: who may use them (the rest get 404, anonymous visitors the login page), and the flows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, Membership, Role
from integrationsnetz.accounts.tests.factories import MembershipFactory, UserFactory
from integrationsnetz.directory import services
from integrationsnetz.directory.models import (
    ContactPerson,
    ImportBatch,
    JoinApplication,
    Location,
    NetworkMembership,
    Organisation,
    Service,
)
from integrationsnetz.directory.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    NetworkFactory,
    OrganisationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

REFUSED = ["outsider", "other_editor", "anonymous"]


def _database_state():
    """Everything the editing pages could change, to prove a refused request changed nothing."""
    return (
        list(Organisation.objects.order_by("pk").values()),
        list(Service.objects.order_by("pk").values()),
        list(Location.objects.order_by("pk").values()),
        list(ContactPerson.objects.order_by("pk").values()),
        list(NetworkMembership.objects.order_by("pk").values()),
        list(JoinApplication.objects.order_by("pk").values()),
        list(ImportBatch.objects.order_by("pk").values("pk", "status")),
        list(Membership.objects.order_by("pk").values()),
        AuditLogEntry.objects.count(),
    )


@pytest.fixture
def as_user(actors, client, login):
    """``as_user(name)`` logs the client in as one of the actors (``anonymous``: not at all)."""

    def switch(name):
        client.logout()
        if name == "anonymous":
            return client
        if name == "other_editor":
            user = UserFactory(email="other-editor@example.org")
            MembershipFactory(
                user=user, role=Role.ORGANISATION_EDITOR, organisation=actors.other_organisation
            )
            return login(user)
        return login(getattr(actors, name))

    return switch


def _organisation_post(organisation, region, **changes):
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "description": organisation.description,
        "website": "",
        "email": organisation.email,
        "phone": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "latitude": "",
        "longitude": "",
        "region": region.pk,
        "non_commercial": "on",
        "parent_slug": "",
        "updated_at": organisation.updated_at.isoformat() if organisation.pk else "",
        "networks-TOTAL_FORMS": "0",
        "networks-INITIAL_FORMS": "0",
        "identifiers-TOTAL_FORMS": "0",
        "identifiers-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def _write_requests(actors):
    """Every write request of the editing pages on ``actors.organisation``, as (url, data)."""
    organisation = actors.organisation
    slug = organisation.slug
    service = ServiceFactory(organisation=organisation)
    location = LocationFactory(organisation=organisation)
    contact = ContactPersonFactory(organisation=organisation)
    return [
        (
            reverse("directory:organisation_edit", args=[slug]),
            _organisation_post(organisation, actors.eilenburg, name="X"),
        ),
        (reverse("directory:service_create", args=[slug]), {"name": "Neu", "status": "active"}),
        (reverse("directory:service_edit", args=[slug, service.pk]), {"name": "Neu", "status": "active"}),
        (reverse("directory:service_delete", args=[slug, service.pk]), {}),
        (reverse("directory:location_create", args=[slug]), {"name": "Neu", "location_type": "physical"}),
        (
            reverse("directory:location_edit", args=[slug, location.pk]),
            {"name": "Neu", "location_type": "physical"},
        ),
        (reverse("directory:location_delete", args=[slug, location.pk]), {}),
        (reverse("directory:contact_create", args=[slug]), {"name": "Neu", "position": "0"}),
        (reverse("directory:contact_edit", args=[slug, contact.pk]), {"name": "Neu", "position": "0"}),
        (reverse("directory:contact_delete", args=[slug, contact.pk]), {}),
    ]


@pytest.mark.parametrize("who", REFUSED)
def test_organisation_pages_refuse_outsiders_and_change_nothing(actors, as_user, who):
    requests = _write_requests(actors)
    client = as_user(who)
    before = _database_state()
    for url, data in requests:
        for response in (client.get(url), client.post(url, data)):
            if who == "anonymous":
                assert response.status_code == 302 and "/konto/anmelden/" in response["Location"], url
            else:
                assert response.status_code == 404, url
    assert _database_state() == before


@pytest.mark.parametrize("who", ["editor", "owner", "office"])
def test_keepers_may_edit(actors, as_user, who):
    client = as_user(who)
    url = reverse("directory:organisation_edit", args=[actors.organisation.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, _organisation_post(actors.organisation, actors.eilenburg, description=f"von {who}")
    )
    assert response.status_code == 302
    actors.organisation.refresh_from_db()
    assert actors.organisation.description == f"von {who}"
    assert AuditLogEntry.objects.filter(object_id=str(actors.organisation.pk), action="update").exists()


def test_edit_page_saves_m2m_networks_and_identifiers(actors, as_user):
    client = as_user("editor")
    nims = NetworkFactory(short_name="NIMS", region=actors.state)
    parent = OrganisationFactory(slug="liga", region=actors.state)
    url = reverse("directory:organisation_edit", args=[actors.organisation.slug])
    data = _organisation_post(
        actors.organisation,
        actors.eilenburg,
        parent_slug="liga",
        regions_served=[actors.nordsachsen.pk],
        **{
            "networks-TOTAL_FORMS": "1",
            "networks-0-network": nims.pk,
            "networks-0-since": "2019-05-01",
            "identifiers-TOTAL_FORMS": "1",
            "identifiers-0-scheme": "xzufi",
            "identifiers-0-identifier": "L100-42",
        },
    )
    assert client.post(url, data).status_code == 302
    organisation = Organisation.objects.get(pk=actors.organisation.pk)
    assert organisation.parent == parent
    assert list(organisation.regions_served.all()) == [actors.nordsachsen]
    assert str(organisation.networkmembership_set.get().since) == "2019-05-01"
    assert organisation.external_identifiers.get().identifier == "L100-42"


def test_stale_form_is_refused_with_a_clear_message(actors, as_user):
    client = as_user("editor")
    url = reverse("directory:organisation_edit", args=[actors.organisation.slug])
    stale = _organisation_post(actors.organisation, actors.eilenburg, description="meins")
    services.organisation_update(organisation=actors.organisation, actor=actors.owner, description="deins")
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Someone else changed this organisation" in response.content.decode()
    actors.organisation.refresh_from_db()
    assert actors.organisation.description == "deins"


def test_errors_are_tied_to_their_fields(actors, as_user):
    client = as_user("editor")
    url = reverse("directory:organisation_edit", args=[actors.organisation.slug])
    response = client.post(url, _organisation_post(actors.organisation, actors.eilenburg, email="kein-mail"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert html.count("<h1") == 1


def test_coordinator_cannot_move_an_organisation_out_of_their_region(actors, as_user):
    client = as_user("owner")
    url = reverse("directory:organisation_edit", args=[actors.organisation.slug])
    response = client.post(url, _organisation_post(actors.organisation, actors.mittelsachsen))
    assert response.status_code == 200
    actors.organisation.refresh_from_db()
    assert actors.organisation.region == actors.eilenburg


def test_contact_consent_is_shown_and_recorded(actors, as_user):
    client = as_user("editor")
    url = reverse("directory:contact_create", args=[actors.organisation.slug])
    assert "withdraw this consent" in client.get(url).content.decode()
    response = client.post(url, {"name": "Frau Beispiel", "position": "0", "consent_to_publish": "on"})
    assert response.status_code == 302
    contact = ContactPerson.objects.get(name="Frau Beispiel")
    assert contact.consent_recorded_at is not None and contact.consent_wording


def test_child_pages_create_edit_delete(actors, as_user):
    client = as_user("editor")
    slug = actors.organisation.slug
    assert (
        client.post(
            reverse("directory:service_create", args=[slug]), {"name": "Sprachcafé", "status": "active"}
        ).status_code
        == 302
    )
    service = Service.objects.get(name="Sprachcafé")
    assert client.post(reverse("directory:service_delete", args=[slug, service.pk])).status_code == 302
    assert not Service.objects.filter(pk=service.pk).exists()
    response = client.post(
        reverse("directory:location_create", args=[slug]), {"name": "Büro", "location_type": "physical"}
    )
    assert response.status_code == 302
    # Another organisation's row under this organisation's address: 404.
    foreign = ServiceFactory(organisation=actors.other_organisation)
    assert client.get(reverse("directory:service_edit", args=[slug, foreign.pk])).status_code == 404


def test_create_organisation_office_and_coordinator_only_in_their_region(actors, as_user):
    url = reverse("directory:organisation_create")
    new = Organisation(name="Neu in Eilenburg", kind="association")
    client = as_user("owner")
    assert client.post(url, _organisation_post(new, actors.mittelsachsen)).status_code == 200
    assert not Organisation.objects.filter(name="Neu in Eilenburg").exists()
    assert client.post(url, _organisation_post(new, actors.eilenburg)).status_code == 302
    assert Organisation.objects.get(name="Neu in Eilenburg").status == Organisation.Status.ACTIVE
    for who in ("editor", "other_editor"):
        refused = as_user(who)
        before = _database_state()
        assert (
            refused.post(url, _organisation_post(new, actors.eilenburg, name="Verboten")).status_code == 404
        )
        assert _database_state() == before
    response = as_user("anonymous").post(url, _organisation_post(new, actors.eilenburg, name="Verboten"))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert not Organisation.objects.filter(name="Verboten").exists()


def test_my_organisations_lists_what_the_user_may_edit(actors, as_user, django_assert_max_num_queries):
    OrganisationFactory.create_batch(5, region=actors.eilenburg)
    client = as_user("owner")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:my_organisations"))
    html = response.content.decode()
    assert actors.organisation.name in html
    assert actors.other_organisation.name not in html
    editor_page = as_user("editor").get(reverse("directory:my_organisations")).content.decode()
    assert actors.organisation.name in editor_page
    assert actors.other_organisation.name not in editor_page


def test_apply_approve_flow(actors, as_user, mailoutbox, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="applicant@example.org", preferred_language="de")
    client = as_user("anonymous")
    client.force_login(applicant)
    new = Organisation(name="Neue Initiative Torgau", kind="initiative")
    response = client.post(
        reverse("directory:apply"), {**_organisation_post(new, actors.nordsachsen), "message": "Hallo"}
    )
    assert response.status_code == 302
    application = JoinApplication.objects.get()
    assert application.organisation.status == Organisation.Status.APPLIED
    # Not public, not editable by the applicant yet.
    assert (
        client.get(reverse("directory:organisation_edit", args=[application.organisation.slug])).status_code
        == 404
    )

    decide = reverse("directory:application_decide", args=[application.pk])
    for who in ("owner", "editor", "outsider", "other_editor"):
        refused = as_user(who)
        before = _database_state()
        assert refused.post(decide, {"decision": "approve"}).status_code == 404
        assert refused.get(reverse("directory:application_queue")).status_code == 404
        assert _database_state() == before
    office = as_user("office")
    assert "Neue Initiative Torgau" in office.get(reverse("directory:application_queue")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(decide, {"decision": "approve"}).status_code == 302
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.APPROVED
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["applicant@example.org"]
    client.force_login(applicant)
    assert (
        client.get(reverse("directory:organisation_edit", args=[application.organisation.slug])).status_code
        == 200
    )


def test_reject_needs_a_reason(actors, as_user, mailoutbox, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="applicant@example.org")
    application = services.organisation_apply(
        applicant=applicant, name="Abgelehnt e. V.", kind="association", region=actors.nordsachsen
    )
    office = as_user("office")
    decide = reverse("directory:application_decide", args=[application.pk])
    response = office.post(decide, {"decision": "reject", "reason": ""})
    assert response.status_code == 200 and 'id="id_reason_error"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            office.post(decide, {"decision": "reject", "reason": "Kein Angebot in Sachsen."}).status_code
            == 302
        )
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.REJECTED
    assert "Kein Angebot in Sachsen." in mailoutbox[0].body


def test_apply_refuses_anonymous(actors, as_user):
    before = _database_state()
    response = as_user("anonymous").post(reverse("directory:apply"), {"name": "X"})
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert _database_state() == before


def test_confirmation_link(actors, client):
    Organisation.objects.filter(pk=actors.organisation.pk).update(confirmed_at=None)
    token = services.confirmation_token(actors.organisation)
    url = reverse("directory:confirm", args=[token])
    response = client.get(url)
    assert response.status_code == 200 and "still current" in response.content.decode()
    actors.organisation.refresh_from_db()
    assert actors.organisation.confirmed_at is None  # a GET (a mail scanner following links) changes nothing
    assert client.post(url).status_code == 200
    actors.organisation.refresh_from_db()
    assert actors.organisation.confirmed_at is not None


def test_tampered_and_expired_confirmation_links_say_so(actors, client, monkeypatch):
    token = services.confirmation_token(actors.organisation)
    Organisation.objects.filter(pk=actors.organisation.pk).update(confirmed_at=None)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(reverse("directory:confirm", args=[tampered]))
    assert response.status_code == 400 and "not valid" in response.content.decode()
    other = signing.TimestampSigner(salt="something-else").sign_object(
        {"organisation": actors.organisation.pk}
    )
    assert client.post(reverse("directory:confirm", args=[other])).status_code == 400
    later = timezone.now() + services.CONFIRMATION_LINK_MAX_AGE + timedelta(days=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    response = client.post(reverse("directory:confirm", args=[token]))
    assert response.status_code == 400 and "expired" in response.content.decode()
    actors.organisation.refresh_from_db()
    assert actors.organisation.confirmed_at is None
