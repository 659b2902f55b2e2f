"""Subscriptions (double opt-in, consent, unsubscribe), bounces and the send-once delivery."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.news import composition, services
from integrationsnetz.news.models import Bounce, ConsentRecord, Delivery, Issue, Subscription
from integrationsnetz.news.tests.factories import (
    IssueBlockFactory,
    IssueFactory,
    NewsletterFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


def _request(newsletter: Any, email: str = "neu@example.org", **values: Any) -> Subscription:
    return services.subscription_request(
        newsletter=newsletter,
        email=email,
        language=values.pop("language", "de"),
        wording=services.consent_wording(newsletter),
        source="test",
        **values,
    )


def test_subscribing_sends_one_confirmation_and_records_the_consent(
    django_capture_on_commit_callbacks: Any,
) -> None:
    newsletter = NewsletterFactory.create(name="Newsletter Nordsachsen")
    with django_capture_on_commit_callbacks(execute=True):
        subscription = _request(newsletter)
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.confirmed_at is None
    consent = ConsentRecord.objects.get(subscription=subscription)
    assert consent.action == ConsentRecord.Action.REQUESTED
    assert "Newsletter Nordsachsen" in consent.wording
    assert consent.source == "test" and consent.recorded_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert reverse("news:confirm", args=[subscription.confirm_token]) in message.body
    # The confirmation task running again (a retried job) sends nothing.
    assert services.confirmation_send(consent_id=consent.pk) is False
    assert len(mail.outbox) == 1


def test_no_issue_goes_to_an_unconfirmed_address(
    django_capture_on_commit_callbacks: Any, smtp_server: Any
) -> None:
    newsletter = NewsletterFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        _request(newsletter, email="unbestaetigt@example.org")
    confirmed = SubscriptionFactory.create(newsletter=newsletter)
    smtp_server.clear()
    issue = IssueFactory.create(newsletter=newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_send(issue=issue, actor=None) == 1
    recipients = [envelope[1] for envelope in smtp_server.envelopes]
    assert recipients == [[confirmed.subscriber.email]]


def test_repeated_requests_send_one_confirmation_per_hour(django_capture_on_commit_callbacks: Any) -> None:
    from datetime import timedelta

    newsletter = NewsletterFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        first = _request(newsletter)
        for _repeat in range(5):
            _request(newsletter)
    assert len(mail.outbox) == 1
    ConsentRecord.objects.filter(subscription=first).update(recorded_at=first.created_at - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        second = _request(newsletter)
    assert len(mail.outbox) == 2 and second.confirm_token != first.confirm_token
    # Only the newest link confirms.
    assert services.subscription_confirm(confirm_token=first.confirm_token, source="link") is None


def test_confirming_activates_once_and_records_consent() -> None:
    newsletter = NewsletterFactory.create()
    subscription = _request(newsletter)
    token = subscription.confirm_token
    confirmed = services.subscription_confirm(confirm_token=token, source="link")
    assert confirmed is not None and confirmed.status == Subscription.Status.ACTIVE
    assert confirmed.confirmed_at is not None
    again = services.subscription_confirm(confirm_token=token, source="link")
    assert again is not None and again.confirmed_at == confirmed.confirmed_at
    actions = list(ConsentRecord.objects.filter(subscription=subscription).values_list("action", flat=True))
    assert actions == ["requested", "confirmed"]
    assert services.subscription_confirm(confirm_token="unknown", source="link") is None
    assert services.subscription_confirm(confirm_token="", source="link") is None


def test_a_confirmed_address_gets_no_new_confirmation_mail(django_capture_on_commit_callbacks: Any) -> None:
    subscription = SubscriptionFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        again = _request(subscription.newsletter, email=subscription.subscriber.email.upper())
    assert again.pk == subscription.pk and again.status == Subscription.Status.ACTIVE
    assert mail.outbox == []


def test_unsubscribe_is_idempotent_and_withdraws_consent() -> None:
    subscription = SubscriptionFactory.create()
    first = services.subscription_unsubscribe(token=subscription.token, source="one-click")
    second = services.subscription_unsubscribe(token=subscription.token, source="one-click")
    assert first is not None and second is not None
    assert second.status == Subscription.Status.UNSUBSCRIBED
    assert second.unsubscribed_at == first.unsubscribed_at
    assert ConsentRecord.objects.filter(subscription=subscription, action="withdrawn").count() == 1
    assert services.subscription_unsubscribe(token="nope", source="x") is None


def test_a_hard_bounce_puts_the_address_on_hold_once() -> None:
    subscription = SubscriptionFactory.create(subscriber__email="weg@example.org")
    bounce = services.bounce_record(
        email="WEG@example.org", kind=Bounce.Kind.HARD, source="test", event_id="e1"
    )
    assert bounce is not None
    assert (
        services.bounce_record(email="weg@example.org", kind=Bounce.Kind.HARD, source="test", event_id="e1")
        is None
    )
    subscription.subscriber.refresh_from_db()
    assert subscription.subscriber.on_hold
    assert AuditLogEntry.objects.filter(action="hold", object_id=str(subscription.subscriber.pk)).count() == 1
    issue = IssueFactory.create(newsletter=subscription.newsletter)
    assert services.issue_send(issue=issue, actor=None) == 0


def test_a_soft_bounce_changes_nothing() -> None:
    subscription = SubscriptionFactory.create(subscriber__email="voll@example.org")
    services.bounce_record(email="voll@example.org", kind=Bounce.Kind.SOFT, source="test", event_id="s1")
    subscription.subscriber.refresh_from_db()
    assert not subscription.subscriber.on_hold


def test_release_hold() -> None:
    subscriber = SubscriberFactory.create(on_hold=True, hold_reason="hard bounce")
    services.subscriber_release_hold(subscriber=subscriber, actor=None)
    subscriber.refresh_from_db()
    assert not subscriber.on_hold and subscriber.hold_reason == ""


def test_an_issue_reaches_1000_subscribers_exactly_once_with_working_unsubscribe_links(
    django_capture_on_commit_callbacks: Any, smtp_server: Any, settings: Any
) -> None:
    settings.NEWS_SEND_BATCH_SIZE = 150
    newsletter = NewsletterFactory.create(name="Newsletter Nordsachsen", slug="nordsachsen")
    subscriptions = SubscriptionFactory.create_batch(1000, newsletter=newsletter)
    issue = IssueFactory.create(newsletter=newsletter, number="2/22")
    IssueBlockFactory.create(issue=issue)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_send(issue=issue, actor=None) == 1000

    messages = smtp_server.messages
    assert len(messages) == 1000
    recipients = [message["To"] for message in messages]
    assert sorted(recipients) == sorted(s.subscriber.email for s in subscriptions)
    assert len({message["Message-ID"] for message in messages}) == 1000
    token_of = {s.subscriber.email: s.token for s in subscriptions}
    for message in messages[:50]:
        link = composition.unsubscribe_url(token_of[message["To"]])
        assert message["List-Unsubscribe"].strip() == f"<{link}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["From"] == "Redaktion <redaktion@example.org>"
        assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
        assert link in message.get_body(("plain",)).get_content()
        assert link in message.get_body(("html",)).get_content()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_at is not None
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == 1000
    # The personal link works without login (RFC 8058 one-click POST, no CSRF token).
    first = messages[0]
    path = first["List-Unsubscribe"].strip().strip("<>").removeprefix(settings.SITE_URL)
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get(token=token_of[first["To"]]).status == Subscription.Status.UNSUBSCRIBED
    # Sending again sends nobody anything.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_send(issue=issue, actor=None) == 0
    assert len(smtp_server.messages) == 1000


def test_whoever_unsubscribes_before_their_turn_is_skipped(smtp_server: Any) -> None:
    newsletter = NewsletterFactory.create()
    keep, leave = SubscriptionFactory.create_batch(2, newsletter=newsletter)
    issue = IssueFactory.create(newsletter=newsletter)
    services.issue_send(issue=issue, actor=None)
    services.subscription_unsubscribe(token=leave.token, source="test")
    result = services.delivery_batch_send(issue_id=issue.pk, owner="w:1", batch_size=10)
    assert (result.sent, result.skipped, result.remaining) == (1, 1, 0)
    assert [message["To"] for message in smtp_server.messages] == [keep.subscriber.email]


def test_recovery_returns_unstarted_claims_and_resends_the_uncertain_one_with_its_message_id(
    smtp_server: Any,
) -> None:
    """A worker killed midway left one row claimed (never started) and one in "sending" (unknown)."""
    newsletter = NewsletterFactory.create()
    sent, in_flight, claimed, pending = SubscriptionFactory.create_batch(4, newsletter=newsletter)
    issue = IssueFactory.create(newsletter=newsletter)
    services.issue_send(issue=issue, actor=None)
    rows = {d.subscription_id: d for d in Delivery.objects.filter(issue=issue)}
    Delivery.objects.filter(pk=rows[sent.pk].pk).update(
        status="sent", message_id="<a@x>", claimed_by="w1@h:7"
    )
    Delivery.objects.filter(pk=rows[in_flight.pk].pk).update(
        status="sending", message_id="<b@x>", claimed_by="w1@h:7", attempts=1
    )
    Delivery.objects.filter(pk=rows[claimed.pk].pk).update(status="claimed", claimed_by="w1@h:7")
    # Another live worker's claim is not touched.
    assert services.deliveries_recover(owner_prefix="w2@h:") == 0
    assert services.deliveries_recover(owner_prefix="w1@h:") == 2
    result = services.delivery_batch_send(issue_id=issue.pk, owner="w1@h:8", batch_size=10)
    assert result.sent == 3 and result.remaining == 0
    by_recipient = {message["To"]: message["Message-ID"] for message in smtp_server.messages}
    assert set(by_recipient) == {s.subscriber.email for s in (in_flight, claimed, pending)}
    assert by_recipient[in_flight.subscriber.email] == "<b@x>"
    with pytest.raises(ValueError):
        services.deliveries_recover()


def test_an_smtp_failure_returns_the_batch_for_a_retry(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    settings.EMAIL_TIMEOUT = 2
    newsletter = NewsletterFactory.create()
    SubscriptionFactory.create_batch(3, newsletter=newsletter)
    issue = IssueFactory.create(newsletter=newsletter)
    services.issue_send(issue=issue, actor=None)
    with pytest.raises(OSError):
        services.delivery_batch_send(issue_id=issue.pk, owner="w:1", batch_size=10)
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {"pending"}


def test_test_send_reaches_only_the_given_address() -> None:
    subscription = SubscriptionFactory.create()
    issue = IssueFactory.create(newsletter=subscription.newsletter)
    assert services.issue_test_send(issue=issue, recipients=["pruefer@example.org"], actor=None) == 1
    assert [m.to for m in mail.outbox] == [["pruefer@example.org"]]
    assert mail.outbox[0].subject.startswith("[Test] ")
    assert not Delivery.objects.exists()


def test_scheduled_issues_are_sent_by_the_sweep(django_capture_on_commit_callbacks: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from integrationsnetz.news.tasks import sweep

    subscription = SubscriptionFactory.create()
    issue = IssueFactory.create(newsletter=subscription.newsletter)
    services.issue_schedule(issue=issue, send_at=timezone.now() + timedelta(hours=1), actor=None)
    assert services.issues_due() == []
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert [m.to for m in mail.outbox] == [[subscription.subscriber.email]]


def test_a_sent_issue_cannot_be_changed() -> None:
    issue = IssueFactory.create(status=Issue.Status.SENT)
    with pytest.raises(ValueError):
        services.issue_save(actor=None, issue=issue, title="Neu")
    with pytest.raises(ValueError):
        services.issue_schedule(issue=issue, send_at=issue.created_at, actor=None)


def test_personal_data_export_and_erasure(actors: Any) -> None:
    subscription = SubscriptionFactory.create(subscriber__email=actors.editor.email)
    services.bounce_record(email=actors.editor.email, kind="soft", source="test", event_id="p1")
    exported = services.personal_data_export(actors.editor)
    assert exported["subscriptions"][0]["newsletter"] == subscription.newsletter.name
    assert exported["bounces"][0]["kind"] == "soft"
    import json

    json.dumps(exported)
    services.personal_data_erase(actors.editor)
    assert not Subscription.objects.exists() and not Bounce.objects.exists()


def test_an_address_that_needs_encoding_is_built_on_its_own(smtp_server: Any) -> None:
    """Most mails are a per-language template with three replacements; an internationalised domain
    cannot be put into the bytes as it is, so that mail is built the ordinary way (punycode)."""
    newsletter = NewsletterFactory.create()
    plain = SubscriptionFactory.create(newsletter=newsletter, subscriber__email="leser@example.org")
    international = SubscriptionFactory.create(
        newsletter=newsletter, subscriber__email="leser@münchen.example"
    )
    issue = IssueFactory.create(newsletter=newsletter)
    IssueBlockFactory.create(issue=issue)
    services.issue_send(issue=issue, actor=None)
    services.delivery_batch_send(issue_id=issue.pk, owner="w:1", batch_size=10)
    by_recipient = {str(message["To"]): message for message in smtp_server.messages}
    assert set(by_recipient) == {"leser@example.org", "leser@xn--mnchen-3ya.example"}
    for subscription, address in (
        (plain, "leser@example.org"),
        (international, "leser@xn--mnchen-3ya.example"),
    ):
        message = by_recipient[address]
        link = composition.unsubscribe_url(subscription.token)
        assert message["List-Unsubscribe"].strip() == f"<{link}>"
        assert link in message.get_body(("html",)).get_content()
        assert message["Message-ID"] == Delivery.objects.get(subscription=subscription).message_id


# --- editing: blocks, images -----------------------------------------------------------------------


def _positions(issue: Issue) -> list[str]:
    return [block.heading for block in issue.blocks.order_by("position", "id")]


def test_new_blocks_go_last_and_move_up_and_down() -> None:
    issue = IssueFactory.create()
    for heading in ("A", "B", "C"):
        services.issue_block_save(actor=None, issue=issue, kind="text", heading=heading, body="x")
    assert _positions(issue) == ["A", "B", "C"]
    block_c = issue.blocks.get(heading="C")
    services.issue_block_move(actor=None, block=block_c, offset=-1)
    assert _positions(issue) == ["A", "C", "B"]
    services.issue_block_move(actor=None, block=issue.blocks.get(heading="A"), offset=-1)  # already first
    assert _positions(issue) == ["A", "C", "B"]
    services.issue_block_move(actor=None, block=issue.blocks.get(heading="A"), offset=1)
    assert _positions(issue) == ["C", "A", "B"]
    assert AuditLogEntry.objects.filter(action="move", object_type="news.issueblock").count() == 2


def test_moving_blocks_that_share_a_position_gives_each_its_own() -> None:
    issue = IssueFactory.create()
    first, second = IssueBlockFactory.create_batch(2, issue=issue, position=0)
    first.heading, second.heading = "erster", "zweiter"
    first.save()
    second.save()
    services.issue_block_move(actor=None, block=second, offset=-1)
    assert _positions(issue) == ["zweiter", "erster"]
    assert sorted(issue.blocks.values_list("position", flat=True)) == [0, 1]


def test_removing_a_block_is_audited() -> None:
    block = IssueBlockFactory.create()
    services.issue_block_remove(actor=None, block=block)
    assert not block.issue.blocks.exists()
    assert AuditLogEntry.objects.filter(action="delete", object_type="news.issueblock").exists()


@pytest.mark.parametrize("status", [Issue.Status.SENDING, Issue.Status.SENT])
def test_blocks_of_an_issue_being_sent_or_sent_cannot_change(status: str) -> None:
    issue = IssueFactory.create(status=status)
    block = IssueBlockFactory.create(issue=issue, heading="bleibt")
    other = IssueBlockFactory.create(issue=issue, heading="auch")
    with pytest.raises(services.IssueLocked):
        services.issue_block_save(actor=None, block=block, issue=issue, heading="geändert")
    with pytest.raises(services.IssueLocked):
        services.issue_block_save(actor=None, issue=issue, kind="text", body="neu")
    with pytest.raises(services.IssueLocked):
        services.issue_block_move(actor=None, block=other, offset=-1)
    with pytest.raises(services.IssueLocked):
        services.issue_block_remove(actor=None, block=block)
    assert list(issue.blocks.values_list("heading", flat=True)) == ["bleibt", "auch"]


def test_images_are_added_in_order_and_their_file_goes_with_them(
    settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integrationsnetz.news.tests.factories import PostFactory

    settings.MEDIA_ROOT = str(tmp_path)
    post = PostFactory.create()
    first = services.post_image_add(
        actor=None, post=post, image=SimpleUploadedFile("a.png", png_bytes()), alt_text=" Ein Foto "
    )
    second = services.post_image_add(
        actor=None, post=post, image=SimpleUploadedFile("b.png", png_bytes()), alt_text="Zweites Foto"
    )
    assert (first.position, second.position, first.alt_text) == (0, 1, "Ein Foto")
    path = first.image.path
    with django_capture_on_commit_callbacks(execute=True):
        services.post_image_remove(actor=None, image=first)
    assert list(post.images.all()) == [second]
    assert not (tmp_path / path).exists()
    assert AuditLogEntry.objects.filter(action="delete", object_type="news.postimage").exists()


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return buffer.getvalue()
