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
from integrationsnetz.core.models import SentMail
from integrationsnetz.volunteering import selectors, services, tasks
from integrationsnetz.volunteering.models import (
    HoursEntry,
    InactivityNotice,
    Match,
    Need,
    NeedLanguage,
    VolunteerOffer,
)
from integrationsnetz.volunteering.slots import slot_bit
from integrationsnetz.volunteering.tests.factories import (
    TUESDAY_AFTERNOON,
    make_need,
    make_volunteer,
    next_weekday,
)

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


def test_a_need_past_its_last_day_gets_no_confirmation_request(scene: Any) -> None:
    later = timezone.now() + services.CONFIRMATION_PERIOD + timedelta(days=1)
    Need.objects.filter(pk=scene.need.pk).update(expires_on=timezone.localdate(later) + timedelta(days=1))
    assert ("need", scene.need.pk) in services.confirmations_due(later)  # still sought then: asked
    Need.objects.filter(pk=scene.need.pk).update(expires_on=timezone.localdate() + timedelta(days=10))
    assert ("need", scene.need.pk) not in services.confirmations_due(later)


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


def _need_values(need: Need, **changes: Any) -> dict[str, Any]:
    """The arguments of services.need_update that keep ``need`` as it is, with ``changes`` applied."""
    values: dict[str, Any] = {
        "title": need.title,
        "description": need.description,
        "region": need.region,
        "town": need.town,
        "postal_code": need.postal_code,
        "latitude": need.latitude,
        "longitude": need.longitude,
        "starts_on": need.starts_on,
        "recurring": need.recurring,
        "slots": need.slots,
        "helpers_wanted": need.helpers_wanted,
        "requires_certificate_of_conduct": need.requires_certificate_of_conduct,
        "expires_on": need.expires_on,
        "languages": [
            services.LanguageRequirement(language=item.language, level=item.min_level)
            for item in need.languages.select_related("language")
        ],
    }
    values.update(changes)
    return values


def _audit_count(obj: Any) -> int:
    return AuditLogEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).count()


def test_need_update_keeps_matches_withdraws_impossible_proposals_and_mails_once(
    actors: Any, scene: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The need moves from Tuesday to Thursday afternoon.

    The accepted volunteer (free on Tuesdays only) keeps the match and is told; a proposed volunteer
    free on Thursdays too keeps the proposal with new reasons; a proposed volunteer free on Tuesdays
    only loses the proposal, with a reason in their language.
    """
    need = scene.need
    Need.objects.filter(pk=need.pk).update(helpers_wanted=3)
    need.refresh_from_db()
    thursday_afternoon = slot_bit(3, 1)
    accepted = services.match_propose(need=need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=accepted, action="accept", actor=scene.offer.user)
    flexible_offer = make_volunteer(
        actors.eilenburg, "flexible@example.org", availability=TUESDAY_AFTERNOON | thursday_afternoon
    )
    flexible = services.match_propose(need=need, offer=flexible_offer, actor=actors.editor)
    tuesday_offer = make_volunteer(actors.eilenburg, "tuesday@example.org")
    User.objects.filter(email="tuesday@example.org").update(preferred_language="en")
    tuesday = services.match_propose(need=need, offer=tuesday_offer, actor=actors.editor)
    assert {"code": "free_on", "weekdays": [1]} in flexible.reasons
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        edit = services.need_update(
            need=need,
            actor=actors.editor,
            **_need_values(need, starts_on=next_weekday(3), slots=thursday_afternoon),
        )

    assert edit.material == ("time",)
    assert edit.told_match_ids == (accepted.pk,) and edit.withdrawn_match_ids == (tuesday.pk,)
    accepted.refresh_from_db()
    flexible.refresh_from_db()
    tuesday.refresh_from_db()
    assert accepted.status == Match.Status.ACCEPTED_BY_VOLUNTEER
    assert {"code": "breaks", "rules": ["availability"]} in accepted.reasons
    assert flexible.status == Match.Status.PROPOSED
    assert {"code": "free_on", "weekdays": [3]} in flexible.reasons
    assert tuesday.status == Match.Status.DID_NOT_HAPPEN and tuesday.ended_at is not None
    assert tuesday.end_reason == "The organisation changed the need; it no longer fits your offer (time)."
    assert sorted(message.to[0] for message in mail.outbox) == ["tuesday@example.org", "vol@example.org"]
    told = next(message for message in mail.outbox if message.to == ["vol@example.org"])
    # Each mail is in its recipient's language: German by default, English for the second volunteer.
    assert "hat sich geändert" in told.subject and "Ihre Vermittlung bleibt bestehen" in told.body
    assert "geändert (Datum und Uhrzeit)" in told.body and "Donnerstag" in told.body
    withdrawn = next(message for message in mail.outbox if message.to == ["tuesday@example.org"])
    assert "withdrawn" in withdrawn.subject and "no longer fits your offer (time)" in withdrawn.body
    # One audit entry for the edit (with the changed fields), one for the withdrawn proposal.
    entry = AuditLogEntry.objects.filter(object_type="volunteering.need", object_id=str(need.pk)).latest("pk")
    assert set(entry.changes) == {"slots", "starts_on"}
    assert _audit_count(tuesday) == 2
    # A retried task sends nothing again.
    ids = [*edit.told_match_ids, *edit.withdrawn_match_ids]
    assert tasks.send_need_change_mails.delay(entry.pk, ids, ["time"]).get() == 0
    assert len(mail.outbox) == 2
    assert SentMail.objects.filter(key__startswith=f"volunteering:need-changed:{entry.pk}:").count() == 2


def test_need_update_without_material_change_tells_no_one(
    actors: Any, scene: Any, django_capture_on_commit_callbacks: Any
) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    mail.outbox.clear()
    audits = _audit_count(scene.need)
    with django_capture_on_commit_callbacks(execute=True):
        edit = services.need_update(
            need=scene.need, actor=actors.editor, **_need_values(scene.need, description="Mit Mathe")
        )
    assert edit.changes == {"description": ["", "Mit Mathe"]} and edit.material == ()
    assert mail.outbox == [] and _audit_count(scene.need) == audits + 1
    # Saving the need unchanged is no edit: nothing is recorded.
    services.need_update(need=scene.need, actor=actors.editor, **_need_values(edit.need))
    assert _audit_count(scene.need) == audits + 1


def test_need_update_language_change_withdraws_a_proposal_but_mails_only_its_volunteer(
    actors: Any, scene: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from integrationsnetz.core.models import Language

    farsi = Language.objects.create(code="fa", name_de="Persisch", name_en="Persian", native_name="فارسی")
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit = services.need_update(
            need=scene.need,
            actor=actors.editor,
            **_need_values(scene.need, languages=[services.LanguageRequirement(language=farsi, level=2)]),
        )
    assert edit.changes == {"languages": [["ar:2"], ["fa:2"]]}
    assert edit.withdrawn_match_ids == (match.pk,)
    assert Match.objects.get(pk=match.pk).status == Match.Status.DID_NOT_HAPPEN
    assert [message.to for message in mail.outbox] == [["vol@example.org"]]


def test_need_update_with_bad_input_writes_nothing(actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    need = Need.objects.get(pk=scene.need.pk)
    before = (
        list(Need.objects.values()),
        list(NeedLanguage.objects.values()),
        list(Match.objects.values("pk", "status", "score", "reasons")),
        AuditLogEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as raised:
        services.need_update(
            need=need,
            actor=actors.editor,
            **_need_values(
                need,
                helpers_wanted=0,
                latitude=95.0,
                slots=slot_bit(3, 1),
                expires_on=timezone.localdate() - timedelta(days=1),
                languages=[],
            ),
        )
    assert set(raised.value.message_dict) == {"helpers_wanted", "latitude", "expires_on"}
    assert "1 volunteer is already confirmed" in raised.value.message_dict["helpers_wanted"][0]
    after = (
        list(Need.objects.values()),
        list(NeedLanguage.objects.values()),
        list(Match.objects.values("pk", "status", "score", "reasons")),
        AuditLogEntry.objects.count(),
    )
    assert after == before


def test_need_update_reopens_a_filled_need_and_refuses_a_withdrawn_one(actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(match=match, action="confirm", actor=actors.editor)
    need = Need.objects.get(pk=scene.need.pk)
    assert need.status == Need.Status.FILLED
    need = services.need_update(need=need, actor=actors.editor, **_need_values(need, helpers_wanted=2)).need
    assert need.status == Need.Status.OPEN
    need = services.need_update(need=need, actor=actors.editor, **_need_values(need, helpers_wanted=1)).need
    assert need.status == Need.Status.FILLED
    withdrawn = make_need(actors.organisation, actors.eilenburg, title="Alt")
    services.need_set_status(need=withdrawn, status=Need.Status.WITHDRAWN, actor=actors.editor)
    with pytest.raises(ValidationError):
        services.need_update(need=withdrawn, actor=actors.editor, **_need_values(withdrawn, title="Neu"))
    assert Need.objects.get(pk=withdrawn.pk).title == "Alt"


def test_expired_need_is_neither_listed_nor_proposed(actors: Any, scene: Any) -> None:
    need = services.need_update(
        need=scene.need,
        actor=actors.editor,
        **_need_values(scene.need, expires_on=timezone.localdate()),
    ).need
    assert list(selectors.needs_public()) == [need]  # the last day still counts
    Need.objects.filter(pk=need.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert list(selectors.needs_public()) == []
    with pytest.raises(ValidationError):
        services.match_propose(need=need, offer=scene.offer, actor=actors.editor)
    assert services.batch_plan_apply(district=actors.nordsachsen, actor=actors.owner) == []
    assert not Match.objects.exists()
    with pytest.raises(ValidationError):
        make_need(actors.organisation, actors.eilenburg, expires_on=timezone.localdate() - timedelta(days=1))
    assert Need.objects.count() == 1
