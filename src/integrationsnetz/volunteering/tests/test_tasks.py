"""Tasks and the command: reminders over real SMTP, sent once; sweeps idempotent; GDPR export and erase."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from integrationsnetz.accounts import personal_data
from integrationsnetz.accounts.models import User
from integrationsnetz.volunteering import services, tasks
from integrationsnetz.volunteering.models import MatchMessage, VolunteerOffer

pytestmark = pytest.mark.django_db


def test_reminder_goes_once_to_both_sides_over_smtp(smtp_server: Any, actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_advance(match=match, action="accept", actor=scene.offer.user)
    services.match_advance(
        match=match, action="confirm", actor=actors.editor, meets_at=timezone.now() + timedelta(hours=20)
    )
    smtp_server.clear()
    assert tasks.send_reminders.delay().get() == 2
    assert tasks.send_reminders.delay().get() == 0  # a second sweep sends nothing
    received = smtp_server.messages
    assert sorted(message["To"] for message in received) == ["editor@example.org", "vol@example.org"]
    assert all(
        "Erinnerung: Hausaufgabenhilfe" in message["Subject"] for message in received
    )  # German accounts


def test_confirmation_sweep_is_idempotent(scene: Any, django_capture_on_commit_callbacks: Any) -> None:
    old = timezone.now() - services.CONFIRMATION_PERIOD - timedelta(days=1)
    VolunteerOffer.objects.update(confirmed_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_confirmations.delay().get() == 1
        assert tasks.request_confirmations.delay().get() == 0


def test_inactive_accounts_command(actors: Any, scene: Any) -> None:
    User.objects.filter(pk=scene.offer.user_id).update(date_joined=timezone.now() - timedelta(days=800))
    out = StringIO()
    call_command("volunteering_inactive_accounts", "--dry-run", stdout=out)
    assert "1 inactive" in out.getvalue()
    call_command("volunteering_inactive_accounts", stdout=out)
    assert "Notified 1, deleted 0" in out.getvalue()


def test_personal_data_export_and_erase(actors: Any, scene: Any) -> None:
    match = services.match_propose(need=scene.need, offer=scene.offer, actor=actors.editor)
    services.match_message_send(match=match, sender=scene.offer.user, body="Hallo")
    data = personal_data.export_all(scene.offer.user)["volunteering"]
    assert data["offer"]["phone"] == "0341 000000" and data["messages"][0]["body"] == "Hallo"
    assert data["matches"][0]["need"] == "Hausaufgabenhilfe"
    personal_data.erase_all(scene.offer.user)
    assert not VolunteerOffer.objects.exists() and not MatchMessage.objects.exists()
