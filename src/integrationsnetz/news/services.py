"""Every write of the news app: views, API, admin, tasks and commands all call these."""

from __future__ import annotations

import logging
import os
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integrationsnetz.accounts.models import User
from integrationsnetz.accounts.services import audit_log_record, diff, snapshot
from integrationsnetz.core.mail import mail_send_once
from integrationsnetz.core.models import Region
from integrationsnetz.news import composition, selectors
from integrationsnetz.news.models import (
    Bounce,
    ConsentRecord,
    Delivery,
    Issue,
    IssueBlock,
    Newsletter,
    Post,
    PostImage,
    Subscriber,
    Subscription,
    new_token,
)

logger = logging.getLogger(__name__)

# Throttling and recovery; settings may override (see docs/news.md).
BATCH_SIZE = 200
PAUSE_SECONDS = 1.0
LEASE_SECONDS = 3600
MAX_ATTEMPTS = 5

REQUEST_INTERVAL = timedelta(hours=1)
OPEN_STATUSES = (Delivery.Status.PENDING, Delivery.Status.CLAIMED, Delivery.Status.SENDING)


def send_settings() -> tuple[int, float, int]:
    """(batch size, pause between batches in seconds, claim lease in seconds)."""
    return (
        int(getattr(settings, "NEWS_SEND_BATCH_SIZE", BATCH_SIZE)),
        float(getattr(settings, "NEWS_SEND_PAUSE_SECONDS", PAUSE_SECONDS)),
        int(getattr(settings, "NEWS_DELIVERY_LEASE_SECONDS", LEASE_SECONDS)),
    )


def actor_or_none(user: Any) -> User | None:
    """The acting user for the audit log (None for anonymous requests)."""
    return user if isinstance(user, User) else None


# --- posts, newsletters, issues -------------------------------------------------------------------


def _audited_save(
    instance: models.Model,
    *,
    actor: User | None,
    values: dict[str, Any],
    regions: Iterable[Region | None] = (),
) -> Any:
    """Apply ``values`` (many-to-many fields as iterables), validate, save and audit-log the change."""
    creating = instance.pk is None
    before = {} if creating else snapshot(instance)
    many = {name: values.pop(name) for name in list(values) if _is_m2m(instance, name)}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=list(many))
    instance.save()
    for name, items in many.items():
        getattr(instance, name).set(items)
    changes = diff(before, snapshot(instance))
    if creating or changes:
        audit_log_record(
            actor=actor,
            action="create" if creating else "update",
            obj=instance,
            changes=changes,
            regions=[region for region in regions if region is not None],
        )
    return instance


def _is_m2m(instance: models.Model, name: str) -> bool:
    field = instance._meta.get_field(name)
    return bool(getattr(field, "many_to_many", False))


@transaction.atomic
def post_save(*, actor: User | None, post: Post | None = None, **values: Any) -> Post:
    """Create or change a post; ``published_at`` in the future schedules its publication."""
    post = post or Post()
    saved: Post = _audited_save(post, actor=actor, values=values, regions=[values.get("region", post.region)])
    return saved


@transaction.atomic
def newsletter_save(*, actor: User | None, newsletter: Newsletter | None = None, **values: Any) -> Newsletter:
    newsletter = newsletter or Newsletter()
    saved: Newsletter = _audited_save(newsletter, actor=actor, values=values)
    return saved


@transaction.atomic
def post_image_add(
    *,
    actor: User | None,
    post: Post,
    image: UploadedFile,
    alt_text: str,
    caption: str = "",
    credit: str = "",
) -> PostImage:
    """Attach an image (checked by the form: a real JPEG, PNG, GIF or WebP) after the post's others."""
    last = post.images.aggregate(last=Max("position"))["last"]
    added: PostImage = _audited_save(
        PostImage(post=post),
        actor=actor,
        values={
            "image": image,
            "alt_text": alt_text.strip(),
            "caption": caption,
            "credit": credit,
            "position": 0 if last is None else last + 1,
        },
        regions=[post.region],
    )
    return added


@transaction.atomic
def post_image_remove(*, actor: User | None, image: PostImage) -> None:
    """Remove an image from its post; the file goes once the removal is committed."""
    storage, name = image.image.storage, image.image.name
    region = image.post.region
    audit_log_record(
        actor=actor,
        action="delete",
        obj=image,
        changes=snapshot(image),
        regions=[region] if region is not None else [],
    )
    image.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class IssueLocked(ValueError):
    """The issue is being sent or was sent: what subscribers got must stay as it was."""


LOCKED_STATUSES = (Issue.Status.SENDING, Issue.Status.SENT)


def _issue_lock_for_change(issue_id: int) -> Issue:
    """The issue row, locked until the change commits (sending cannot start in between)."""
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if issue.status in LOCKED_STATUSES:
        raise IssueLocked("An issue that is being sent or was sent cannot be changed.")
    return issue


@transaction.atomic
def issue_save(*, actor: User | None, issue: Issue | None = None, **values: Any) -> Issue:
    if issue is not None and issue.pk is not None:
        _issue_lock_for_change(issue.pk)
    issue = issue or Issue()
    saved: Issue = _audited_save(issue, actor=actor, values=values)
    return saved


@transaction.atomic
def issue_block_save(*, actor: User | None, block: IssueBlock | None = None, **values: Any) -> IssueBlock:
    """Create or change a block; a new block goes after the issue's others unless given a position."""
    block = block or IssueBlock()
    issue = values.get("issue") or block.issue
    _issue_lock_for_change(issue.pk)
    if block.pk is None and "position" not in values:
        last = IssueBlock.objects.filter(issue=issue).aggregate(last=Max("position"))["last"]
        values["position"] = 0 if last is None else last + 1
    saved: IssueBlock = _audited_save(block, actor=actor, values=values)
    return saved


@transaction.atomic
def issue_block_move(*, actor: User | None, block: IssueBlock, offset: int) -> IssueBlock:
    """Move a block ``offset`` places (-1 up, +1 down); at the top or bottom nothing changes.

    Positions are renumbered 0, 1, 2 … on the way, so blocks that shared a position get distinct ones.
    """
    _issue_lock_for_change(block.issue_id)
    blocks = list(IssueBlock.objects.filter(issue_id=block.issue_id).order_by("position", "id"))
    index = next(number for number, item in enumerate(blocks) if item.pk == block.pk)
    target = min(max(index + offset, 0), len(blocks) - 1)
    if target == index:
        return block
    blocks.insert(target, blocks.pop(index))
    for position, item in enumerate(blocks):
        item.position = position
    IssueBlock.objects.bulk_update(blocks, ["position"])
    moved = blocks[target]
    audit_log_record(actor=actor, action="move", obj=moved, changes={"position": [index, target]})
    return moved


@transaction.atomic
def issue_block_remove(*, actor: User | None, block: IssueBlock) -> None:
    _issue_lock_for_change(block.issue_id)
    audit_log_record(actor=actor, action="delete", obj=block, changes=snapshot(block))
    block.delete()


# --- subscriptions: double opt-in, consent, unsubscribe --------------------------------------------


def consent_wording(newsletter: Newsletter) -> str:
    """The sentence the subscriber agrees to, stored with the consent in the language it was shown in."""
    return _(
        "I would like to receive the newsletter “%(name)s” by e-mail. I can withdraw this consent at any "
        "time with the link in every issue. My address is used for nothing else."
    ) % {"name": newsletter.name}


@transaction.atomic
def subscription_request(
    *,
    newsletter: Newsletter,
    email: str,
    language: str,
    source: str,
    wording: str,
    region: Region | None = None,
    role: str = "",
) -> Subscription:
    """Record a request to subscribe and send the confirmation mail (double opt-in).

    An address that is already confirmed gets no mail and no change: nobody can learn from the answer
    whether an address is subscribed, and nobody can re-send confirmation mails to a subscriber.
    """
    email = email.strip()
    subscriber, _created = Subscriber.objects.get_or_create(
        email__iexact=email, defaults={"email": email, "language": language}
    )
    subscription, _created = Subscription.objects.select_for_update().get_or_create(
        subscriber=subscriber, newsletter=newsletter, defaults={"language": language}
    )
    if subscription.status == Subscription.Status.ACTIVE:
        return subscription
    # One confirmation mail per address and hour at most: the form must not become a way to flood
    # somebody else's mailbox.
    if (
        subscription.status == Subscription.Status.PENDING
        and subscription.consents.filter(
            action=ConsentRecord.Action.REQUESTED, recorded_at__gte=timezone.now() - REQUEST_INTERVAL
        ).exists()
    ):
        return subscription
    subscription.status = Subscription.Status.PENDING
    subscription.confirm_token = new_token()
    subscription.language = language
    subscription.region = region
    subscription.role = role
    subscription.unsubscribed_at = None
    subscription.save()
    consent = ConsentRecord.objects.create(
        subscription=subscription,
        action=ConsentRecord.Action.REQUESTED,
        recorded_at=timezone.now(),
        wording=wording,
        source=source,
    )
    from integrationsnetz.news.tasks import send_confirmation

    consent_id = consent.pk
    transaction.on_commit(lambda: send_confirmation.delay(consent_id))
    return subscription


def confirmation_send(*, consent_id: int) -> bool:
    """The confirmation mail of one request, at most once (``mail_send_once``); True if sent now."""
    consent = (
        ConsentRecord.objects.select_related("subscription__subscriber", "subscription__newsletter")
        .filter(pk=consent_id, action=ConsentRecord.Action.REQUESTED)
        .first()
    )
    if consent is None:
        return False
    subscription = consent.subscription
    if subscription.status != Subscription.Status.PENDING or not subscription.confirm_token:
        return False
    return mail_send_once(
        key=f"news-confirm:{consent.pk}",
        recipient=subscription.subscriber.email,
        language=subscription.language,
        template="news/email/confirm",
        context={
            "newsletter": subscription.newsletter,
            "wording": consent.wording,
            "confirm_url": composition.absolute(reverse("news:confirm", args=[subscription.confirm_token])),
        },
    )


@transaction.atomic
def subscription_confirm(*, confirm_token: str, source: str) -> Subscription | None:
    """Confirm the address (second opt-in step); confirming twice changes nothing. None: unknown token."""
    if not confirm_token:
        return None
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber", "newsletter")
        .filter(confirm_token=confirm_token)
        .first()
    )
    if subscription is None:
        return None
    if subscription.status != Subscription.Status.PENDING:
        return subscription
    requested = (
        subscription.consents.filter(action=ConsentRecord.Action.REQUESTED).order_by("-recorded_at").first()
    )
    now = timezone.now()
    subscription.status = Subscription.Status.ACTIVE
    subscription.confirmed_at = now
    subscription.save(update_fields=["status", "confirmed_at"])
    ConsentRecord.objects.create(
        subscription=subscription,
        action=ConsentRecord.Action.CONFIRMED,
        recorded_at=now,
        wording=requested.wording if requested else consent_wording(subscription.newsletter),
        source=source,
    )
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, token: str, source: str) -> Subscription | None:
    """Withdraw consent for one newsletter; works without login and is idempotent. None: unknown token."""
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber", "newsletter")
        .filter(token=token)
        .first()
    )
    if subscription is None:
        return None
    if subscription.status == Subscription.Status.UNSUBSCRIBED:
        return subscription
    now = timezone.now()
    subscription.status = Subscription.Status.UNSUBSCRIBED
    subscription.unsubscribed_at = now
    subscription.confirm_token = ""
    subscription.save(update_fields=["status", "unsubscribed_at", "confirm_token"])
    ConsentRecord.objects.create(
        subscription=subscription,
        action=ConsentRecord.Action.WITHDRAWN,
        recorded_at=now,
        wording=_("Unsubscribed."),
        source=source,
    )
    return subscription


# --- bounces --------------------------------------------------------------------------------------


@transaction.atomic
def bounce_record(
    *,
    email: str,
    kind: str,
    source: str,
    event_id: str,
    received_at: datetime | None = None,
    message_id: str = "",
    description: str = "",
) -> Bounce | None:
    """Record a bounce once per event id; a hard bounce or complaint puts the address on hold."""
    bounce, created = Bounce.objects.get_or_create(
        event_id=event_id[:250],
        defaults={
            "email": email,
            "kind": kind,
            "source": source,
            "message_id": message_id[:250],
            "description": description[:500],
            "received_at": received_at or timezone.now(),
        },
    )
    if not created:
        return None
    if kind in (Bounce.Kind.HARD, Bounce.Kind.COMPLAINT):
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is not None and not subscriber.on_hold:
            before = snapshot(subscriber)
            subscriber.on_hold = True
            subscriber.held_at = bounce.received_at
            subscriber.hold_reason = f"{bounce.get_kind_display()}: {description}"[:500]
            subscriber.save(update_fields=["on_hold", "held_at", "hold_reason"])
            audit_log_record(
                actor=None, action="hold", obj=subscriber, changes=diff(before, snapshot(subscriber))
            )
    return bounce


@transaction.atomic
def subscriber_release_hold(*, subscriber: Subscriber, actor: User | None) -> Subscriber:
    """Lift a bounce hold (the office checked the address works again)."""
    before = snapshot(subscriber)
    subscriber.on_hold = False
    subscriber.held_at = None
    subscriber.hold_reason = ""
    subscriber.save(update_fields=["on_hold", "held_at", "hold_reason"])
    audit_log_record(
        actor=actor, action="release_hold", obj=subscriber, changes=diff(before, snapshot(subscriber))
    )
    return subscriber


# --- sending --------------------------------------------------------------------------------------


def issue_test_send(*, issue: Issue, recipients: list[str], actor: User | None) -> int:
    """Send the issue to ``recipients`` (editors checking it) without touching any subscription."""
    issue = selectors.issue_with_blocks(issue_id=issue.pk) or issue
    language = translation.get_language() or settings.LANGUAGE_CODE
    rendered = composition.issue_mail_render(issue, language=language)
    messages = [
        composition.issue_message_build(
            issue=issue,
            rendered=rendered,
            recipient=recipient,
            token="test",  # noqa: S106 - test mails carry no working unsubscribe link
            message_id=composition.message_id_new(issue),
            subject_prefix="[Test] ",
        )
        for recipient in recipients
    ]
    sent = int(get_connection().send_messages(messages) or 0)
    audit_log_record(actor=actor, action="test_send", obj=issue, changes={"recipients": recipients})
    return sent


@transaction.atomic
def issue_schedule(*, issue: Issue, send_at: datetime, actor: User | None) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        raise ValueError("Only a draft can be scheduled.")
    before = snapshot(issue)
    issue.status = Issue.Status.SCHEDULED
    issue.scheduled_at = send_at
    issue.save(update_fields=["status", "scheduled_at"])
    audit_log_record(actor=actor, action="schedule", obj=issue, changes=diff(before, snapshot(issue)))
    return issue


@transaction.atomic
def issue_send(*, issue: Issue, actor: User | None) -> int:
    """Start sending: one pending delivery per subscription in the segment, then the background job.

    The deliveries are fixed now: whoever subscribes later does not get this issue, whoever
    unsubscribes before their mail goes out is skipped. Returns the number of deliveries.
    """
    issue = Issue.objects.select_for_update(of=("self",)).select_related("segment_region").get(pk=issue.pk)
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        return 0
    subscription_ids = list(selectors.subscriptions_in_segment(issue=issue).values_list("id", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscription_id=pk) for pk in subscription_ids],
        batch_size=1000,
        ignore_conflicts=True,
    )
    before = snapshot(issue)
    issue.status = Issue.Status.SENDING
    # The content is fixed now, once per language: every subscriber gets the same figures and
    # contacts, whichever worker and batch sends their mail, and no batch renders it again.
    languages = set(
        Subscription.objects.filter(pk__in=subscription_ids).values_list("language", flat=True).distinct()
    )
    loaded = selectors.issue_with_blocks(issue_id=issue.pk)
    if loaded is not None and languages:
        blocks = composition.issue_blocks_resolve(loaded)
        issue.rendered_mail = composition.rendered_mails_dump(
            [
                composition.issue_mail_render(loaded, language=language, blocks=blocks)
                for language in sorted(languages)
            ]
        )
    issue.save(update_fields=["status", "rendered_mail"])
    audit_log_record(
        actor=actor,
        action="send",
        obj=issue,
        changes={**diff(before, snapshot(issue)), "deliveries": len(subscription_ids)},
        regions=[issue.newsletter.region],
    )
    from integrationsnetz.news.tasks import deliver_issue

    issue_id = issue.pk
    transaction.on_commit(lambda: deliver_issue.delay(issue_id))
    return len(subscription_ids)


@transaction.atomic
def issue_record_sent_elsewhere(*, issue: Issue, sent_at: datetime, actor: User | None) -> Issue:
    """Put an issue that went out before this system (as PDF, by another tool) into the web archive."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != Issue.Status.DRAFT:
        return issue
    before = snapshot(issue)
    issue.status = Issue.Status.SENT
    issue.sent_at = sent_at
    issue.save(update_fields=["status", "sent_at"])
    audit_log_record(actor=actor, action="archive", obj=issue, changes=diff(before, snapshot(issue)))
    return issue


def issues_due() -> list[int]:
    """Scheduled issues whose time has come."""
    return list(
        Issue.objects.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=timezone.now()).values_list(
            "id", flat=True
        )
    )


def issues_sending() -> list[int]:
    return list(Issue.objects.filter(status=Issue.Status.SENDING).values_list("id", flat=True))


def deliveries_claim(*, issue_id: int, owner: str, limit: int) -> list[int]:
    """Take up to ``limit`` pending deliveries for this worker.

    On PostgreSQL ``SKIP LOCKED`` lets several workers claim disjoint rows at once; SQLite runs write
    transactions one at a time (``BEGIN IMMEDIATE``), which gives the same result.
    """
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue_id=issue_id, status=Delivery.Status.PENDING)
            .order_by("id")
            .values_list("id", flat=True)[:limit]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.CLAIMED, claimed_by=owner, claimed_at=timezone.now()
            )
    return ids


@transaction.atomic
def deliveries_recover(*, owner_prefix: str = "", claimed_before: datetime | None = None) -> int:
    """Give the rows of a dead worker back to the queue; returns how many.

    A worker is known dead when a worker with the same node name starts again (``owner_prefix``, see
    tasks.py) or when its claim is older than the lease (``claimed_before``).

    - ``claimed``: no SMTP transaction was started for these rows (``sending`` is committed first), so
      they simply become ``pending`` again.
    - ``sending``: the worker died during the SMTP transaction of this row, or between the server's
      "250 accepted" and our commit of ``sent``. Whether the server took the mail cannot be known from
      here, and SMTP offers no way to ask. We resend — the rule is "nobody is skipped" — with the
      *same* Message-ID, which was committed before the first attempt, so receiving systems that
      de-duplicate by Message-ID drop the copy. Each worker sends one message at a time, so at most one
      row per killed worker is in this state.
    """
    if not owner_prefix and claimed_before is None:
        raise ValueError("Say whose claims to recover.")
    rows = Delivery.objects.filter(status__in=[Delivery.Status.CLAIMED, Delivery.Status.SENDING])
    if owner_prefix:
        rows = rows.filter(claimed_by__startswith=owner_prefix)
    if claimed_before is not None:
        rows = rows.filter(claimed_at__lt=claimed_before)
    uncertain = rows.filter(status=Delivery.Status.SENDING).count()
    if uncertain:
        logger.warning("Resending %d deliveries whose SMTP outcome is unknown (same Message-ID)", uncertain)
    return rows.update(status=Delivery.Status.PENDING, claimed_by="", claimed_at=None)


@dataclass(frozen=True)
class BatchResult:
    sent: int
    failed: int
    skipped: int
    remaining: int


def _mark(delivery_id: int, from_status: str, **values: Any) -> bool:
    return bool(Delivery.objects.filter(pk=delivery_id, status=from_status).update(**values))


def _deliver(
    delivery: Delivery,
    *,
    issue: Issue,
    rendered: dict[str, composition.RenderedMail],
    templates: dict[str, composition.MailTemplate | None],
    connection: Any,
) -> str:
    """Send one claimed delivery; returns its new status ("" if another worker has it now)."""
    subscription = delivery.subscription
    if subscription.status != Subscription.Status.ACTIVE or subscription.subscriber.on_hold:
        _mark(delivery.pk, Delivery.Status.CLAIMED, status=Delivery.Status.SKIPPED, claimed_by="")
        return Delivery.Status.SKIPPED
    # The Message-ID is committed before the SMTP transaction starts: a resend after a crash in
    # that transaction carries the same one (see deliveries_recover).
    message_id = delivery.message_id or composition.message_id_new(issue)
    if not _mark(
        delivery.pk,
        Delivery.Status.CLAIMED,
        status=Delivery.Status.SENDING,
        message_id=message_id,
        attempts=F("attempts") + 1,
    ):
        return ""
    language = subscription.language
    if language not in rendered:  # a language nobody in the segment read when sending started
        rendered[language] = composition.issue_mail_render(issue, language=language)
    smtp = getattr(connection, "connection", None)  # the open smtplib connection of Django's backend
    data = None
    if isinstance(smtp, smtplib.SMTP):
        if language not in templates:
            templates[language] = composition.mail_template_build(issue, rendered[language])
        template = templates[language]
        if template is not None:
            data = template.personal(
                recipient=subscription.subscriber.email, token=subscription.token, message_id=message_id
            )
    try:
        if data is not None and isinstance(smtp, smtplib.SMTP):
            smtp.sendmail(issue.newsletter.sender_email, [subscription.subscriber.email], data)
        else:
            composition.subscription_message_build(
                issue=issue,
                rendered=rendered[language],
                subscription=subscription,
                message_id=message_id,
                connection=connection,
            ).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        # The server refused this address for good: no retry would change that.
        _mark(delivery.pk, Delivery.Status.SENDING, status=Delivery.Status.FAILED, error=str(error)[:500])
        return Delivery.Status.FAILED
    except (smtplib.SMTPException, OSError) as error:
        # Nothing says the server took the mail, nothing says it did not: the row goes back to the
        # queue with its Message-ID (after too many attempts it fails for good).
        status = Delivery.Status.FAILED if delivery.attempts + 1 >= MAX_ATTEMPTS else Delivery.Status.PENDING
        _mark(delivery.pk, Delivery.Status.SENDING, status=status, claimed_by="", error=str(error)[:500])
        raise
    _mark(delivery.pk, Delivery.Status.SENDING, status=Delivery.Status.SENT, sent_at=timezone.now(), error="")
    return Delivery.Status.SENT


def delivery_batch_send(*, issue_id: int, owner: str, batch_size: int, connection: Any = None) -> BatchResult:
    """Claim one batch of an issue's deliveries and send them over one SMTP connection.

    Every state change is committed on its own (this function runs outside a transaction): that is
    what lets a restarted worker know which rows were sent, which were not started and which one was
    in flight (see :func:`deliveries_recover`).
    """
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    if issue is None or issue.status != Issue.Status.SENDING:
        return BatchResult(0, 0, 0, 0)
    ids = deliveries_claim(issue_id=issue_id, owner=owner, limit=batch_size)
    deliveries = list(
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.CLAIMED, claimed_by=owner)
        .select_related("subscription__subscriber")
        .order_by("id")
    )
    rendered = composition.rendered_mails_load(issue.rendered_mail)
    templates: dict[str, composition.MailTemplate | None] = {}
    sent = failed = skipped = 0
    connection = connection or get_connection()
    try:
        connection.open()
        for delivery in deliveries:
            outcome = _deliver(
                delivery, issue=issue, rendered=rendered, templates=templates, connection=connection
            )
            sent += outcome == Delivery.Status.SENT
            failed += outcome == Delivery.Status.FAILED
            skipped += outcome == Delivery.Status.SKIPPED
    except (smtplib.SMTPException, OSError):
        # The connection broke: the rows not yet started go back to the queue for the retry.
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.CLAIMED, claimed_by=owner).update(
            status=Delivery.Status.PENDING, claimed_by="", claimed_at=None
        )
        raise
    finally:
        connection.close()
    remaining = Delivery.objects.filter(issue_id=issue_id, status__in=OPEN_STATUSES).count()
    if remaining == 0:
        issue_mark_sent(issue_id=issue_id)
    return BatchResult(sent=sent, failed=failed, skipped=skipped, remaining=remaining)


@transaction.atomic
def issue_mark_sent(*, issue_id: int) -> None:
    """Close an issue whose every delivery is done; it then appears in the web archive."""
    if Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT, sent_at=timezone.now()
    ):
        issue = Issue.objects.get(pk=issue_id)
        audit_log_record(actor=None, action="sent", obj=issue, changes=selectors.delivery_counts(issue=issue))


def worker_owner(hostname: str | None) -> str:
    """The claim owner of this process: "<node name>:<pid>", "inline:<pid>" without a worker."""
    return f"{hostname or 'inline'}:{os.getpid()}"


def lease_expired_before() -> datetime:
    return timezone.now() - timedelta(seconds=send_settings()[2])


# --- personal data (GDPR export and deletion, registered in apps.py) ------------------------------


def personal_data_export(user: Any) -> dict[str, Any]:
    subscriptions = (
        Subscription.objects.filter(subscriber__email__iexact=user.email)
        .select_related("newsletter", "subscriber")
        .prefetch_related("consents")
    )
    return {
        "subscriptions": [
            {
                "newsletter": subscription.newsletter.name,
                "status": subscription.status,
                "language": subscription.language,
                "region": subscription.region_id,
                "role": subscription.role,
                "confirmed_at": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
                "consents": [
                    {
                        "action": consent.action,
                        "recorded_at": consent.recorded_at.isoformat(),
                        "wording": consent.wording,
                        "source": consent.source,
                    }
                    for consent in subscription.consents.all()
                ],
                "deliveries": subscription.deliveries.count(),
            }
            for subscription in subscriptions
        ],
        "bounces": [
            {"kind": bounce.kind, "source": bounce.source, "received_at": bounce.received_at.isoformat()}
            for bounce in Bounce.objects.filter(email__iexact=user.email)
        ],
    }


def personal_data_erase(user: Any) -> None:
    """The address and everything hanging on it go (subscriptions, consents, deliveries, bounces)."""
    Subscriber.objects.filter(email__iexact=user.email).delete()
    Bounce.objects.filter(email__iexact=user.email).delete()
