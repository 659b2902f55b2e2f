"""Services: the match workflow, the consent rules, the message limit, hours, confirmations and deletion."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry, User
from integrationsnetz.volunteering import services
from integrationsnetz.volunteering.models import HoursEntry, InactivityNotice, Match, Need, VolunteerOffer
from integrationsnetz.volunteering.tests.factories import make_volunteer

pytestmark = pytest.mark.django_db


def test_workflow_from_proposal_to_completion(
    scene: Any, actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    assert match.status == Match.Status.PROPOSED
    assert [m.to for m in mail.outbox] == [["vol@example.org"]]
    assert {reason["code"] for reason in match.reasons} >= {"speaks", "distance", "free_on", "activity"}
    with django_capture_on_commit_callbacks(execute=True):
        services.match_advance(match=match, action="accept", actor=scene.offer.user)
    assert mail.outbox[-1].to == ["editor@example.org"]
    meets_at = timezone.now() + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_advance(match=match, action="confirm", actor=actors.editor, meets_at=meets_at)
    assert match.mutual_consent and match.meets_at == meets_at
    # One helper wanted and confirmed: the need is filled.
    assert Need.objects.get(pk=scene.need.pk).status == Need.Status.FILLED
    services.match_advance(match=match, action="start", actor=actors.editor)
    match = services.match_advance(match=match, action="complete", actor=actors.editor)
    assert match.status == Match.Status.COMPLETED and match.ended_at is not None
    assert (
        AuditLogEntry.objects.filter(object_type="volunteering.match", object_id=str(match.pk)).count() == 5
    )
    with pytest.raises(ValidationError):
        services.match_advance(match=match, action="accept", actor=scene.offer.user)


def test_proposal_rechecks_the_hard_rules(scene: Any, actors: Any) -> None:
    services.offer_save(
        user=scene.offer.user,
        actor=scene.offer.user,
        activities=["homework_help"],
        region=actors.eilenburg,
        town="Eilenburg",
        latitude=scene.offer.latitude,
        longitude=scene.offer.longitude,
        availability=scene.offer.availability,
        available_from=scene.offer.available_from,
        languages=[],  # no Arabic any more
    )
    with pytest.raises(ValidationError):
        services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    assert not Match.objects.exists()


def test_match_end_needs_a_reason(scene: Any, actors: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    with pytest.raises(ValidationError):
        services.match_end(match=match, reason=" ", actor=scene.offer.user)
    match = services.match_end(match=match, reason="Keine Zeit mehr", actor=scene.offer.user)
    assert match.status == Match.Status.DID_NOT_HAPPEN and match.end_reason == "Keine Zeit mehr"


def test_messages_are_rate_limited_before_consent_only(scene: Any, actors: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    now = timezone.now()
    for number in range(services.MESSAGES_PER_DAY_BEFORE_CONSENT):
        services.match_message_send(match=match, sender=actors.editor, body=f"Hallo {number}", now=now)
    with pytest.raises(ValidationError):
        services.match_message_send(match=match, sender=actors.editor, body="noch eine", now=now)
    # The other side is not limited by the first one's messages; a day later the limit is fresh.
    services.match_message_send(match=match, sender=scene.offer.user, body="Hallo", now=now)
    services.match_message_send(
        match=match, sender=actors.editor, body="morgen", now=now + timedelta(days=1, seconds=1)
    )
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    for number in range(services.MESSAGES_PER_DAY_BEFORE_CONSENT + 2):
        services.match_message_send(match=match, sender=actors.editor, body=f"nach Zusage {number}", now=now)


def test_hours_logged_and_decided(scene: Any, actors: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError):
        services.hours_log(match=match, actor=scene.offer.user, day=yesterday, hours=Decimal(2))
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    with pytest.raises(ValidationError):
        services.hours_log(
            match=match,
            actor=scene.offer.user,
            day=timezone.localdate() + timedelta(days=1),
            hours=Decimal(2),
        )
    entry = services.hours_log(match=match, actor=scene.offer.user, day=yesterday, hours=Decimal("2.5"))
    entry = services.hours_decide(entry=entry, approve=True, actor=actors.editor)
    assert entry.status == HoursEntry.Status.APPROVED
    with pytest.raises(ValidationError):
        services.hours_decide(entry=entry, approve=False, actor=actors.editor)


def test_still_current_request_is_sent_once_and_answered(
    scene: Any, django_capture_on_commit_callbacks: Any
) -> None:
    later = timezone.now() + services.CONFIRMATION_PERIOD + timedelta(days=1)
    due = services.confirmations_due(later)
    assert ("need", scene.need.pk) in due and ("offer", scene.offer.pk) in due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.confirmation_request(kind="offer", pk=scene.offer.pk, now=later)
        assert not services.confirmation_request(kind="offer", pk=scene.offer.pk, now=later)
    assert len(mail.outbox) == 1
    # A retried task sends nothing again.
    assert services.confirmation_request_send(kind="offer", pk=scene.offer.pk) == 0
    token = services.confirmation_token("offer", scene.offer.pk)
    assert services.confirmation_token_read(token) == ("offer", scene.offer.pk)
    offer = services.confirmation_answer(kind="offer", pk=scene.offer.pk, still_current=False, actor=None)
    assert offer.status == VolunteerOffer.Status.WITHDRAWN


def test_unanswered_requests_withdraw_the_entry(scene: Any) -> None:
    Need.objects.filter(pk=scene.need.pk).update(
        confirmation_requested_at=timezone.now() - timedelta(days=31)
    )
    assert services.unanswered_withdraw() == 1
    assert Need.objects.get(pk=scene.need.pk).status == Need.Status.WITHDRAWN


def test_inactive_volunteers_are_notified_then_deleted(
    actors: Any, django_capture_on_commit_callbacks: Any
) -> None:
    offer = make_volunteer(actors.eilenburg, email="old@example.org")
    User.objects.filter(pk=offer.user_id).update(
        date_joined=timezone.now() - timedelta(days=800), last_login=timezone.now() - timedelta(days=760)
    )
    active = make_volunteer(actors.eilenburg, email="active@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inactive_volunteers_notify() == 1
        assert services.inactive_volunteers_notify() == 0
    assert [m.to for m in mail.outbox] == [["old@example.org"]]
    assert services.inactive_volunteers_delete() == 0  # the notice period runs
    later = timezone.now() + services.INACTIVITY_NOTICE_PERIOD + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inactive_volunteers_delete(now=later) == 1
    assert not User.objects.filter(email="old@example.org").exists()
    assert not VolunteerOffer.objects.filter(pk=offer.pk).exists()
    assert VolunteerOffer.objects.filter(pk=active.pk).exists()
    assert not InactivityNotice.objects.exists()


def test_a_login_cancels_the_deletion(actors: Any) -> None:
    offer = make_volunteer(actors.eilenburg, email="old@example.org")
    User.objects.filter(pk=offer.user_id).update(
        date_joined=timezone.now() - timedelta(days=800), last_login=None
    )
    services.inactive_volunteers_notify()
    User.objects.filter(pk=offer.user_id).update(last_login=timezone.now() + timedelta(days=1))
    later = timezone.now() + services.INACTIVITY_NOTICE_PERIOD + timedelta(days=2)
    assert services.inactive_volunteers_delete(now=later) == 0
    assert User.objects.filter(email="old@example.org").exists()


def test_batch_plan_proposes_within_capacities(actors: Any, scene: Any) -> None:
    second = make_volunteer(actors.eilenburg, email="second@example.org")
    Need.objects.filter(pk=scene.need.pk).update(helpers_wanted=2)
    created = services.batch_plan_apply(district=actors.nordsachsen, actor=actors.owner)
    assert sorted(m.offer_id for m in created) == sorted([scene.offer.pk, second.pk])
    # Running it again proposes nothing new: the places are taken by open proposals.
    assert services.batch_plan_apply(district=actors.nordsachsen, actor=actors.owner) == []


def test_volunteer_register_grants_the_role(actors: Any) -> None:
    offer = services.volunteer_register(
        email="New@Example.org",
        password="a-long-password-1",
        full_name="Neu",
        language="de",
        offer={
            "activities": ["driving"],
            "region": actors.eilenburg,
            "town": "Eilenburg",
            "latitude": 51.45,
            "longitude": 12.63,
            "availability": 1,
            "available_from": timezone.localdate(),
        },
    )
    assert offer.user.email == "new@example.org"
    assert offer.user.memberships.filter(role="volunteer").exists()
    with pytest.raises(ValidationError):
        services.volunteer_register(
            email="new@example.org", password="a-long-password-1", full_name="X", language="de", offer={}
        )


def test_one_off_need_takes_the_weekday_of_its_date(actors: Any) -> None:
    from integrationsnetz.volunteering.slots import slot_bit
    from integrationsnetz.volunteering.tests.factories import make_need, next_weekday

    need = make_need(actors.organisation, actors.eilenburg, starts_on=next_weekday(3), slots=slot_bit(0, 2))
    assert need.slots == slot_bit(3, 2)  # Thursday evening
    recurring = make_need(actors.organisation, actors.eilenburg, recurring=True, slots=slot_bit(0, 2))
    assert recurring.slots == slot_bit(0, 2)
