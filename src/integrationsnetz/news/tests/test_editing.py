"""The editing pages over HTTP: posts with images, newsletters, issues and their blocks.

Every write is tried by the owner (coordinator of Nordsachsen), the office, an outsider (coordinator
of Mittelsachsen), an organisation editor and an anonymous visitor; refused writes change nothing.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.directory.tests.factories import ContactPersonFactory
from integrationsnetz.meetings.tests.factories import MeetingSeriesFactory, WorkingGroupFactory
from integrationsnetz.news import selectors, services
from integrationsnetz.news.models import Issue, Newsletter, Post, PostImage, Subscriber
from integrationsnetz.news.tests.factories import (
    IssueBlockFactory,
    IssueFactory,
    NewsletterFactory,
    PostFactory,
    SubscriptionFactory,
)
from integrationsnetz.news.tests.test_services import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(actors: Any) -> Newsletter:
    return NewsletterFactory.create(
        slug="nordsachsen", name="Newsletter Nordsachsen", region=actors.nordsachsen
    )


@pytest.fixture
def draft(newsletter: Newsletter) -> Issue:
    return IssueFactory.create(newsletter=newsletter, number="3/22", title="Entwurf")


def _url(name: str, issue: Issue, *args: Any) -> str:
    return reverse(f"news:{name}", args=[issue.newsletter.slug, issue.pk, *args])


def _post_values(**values: Any) -> dict[str, Any]:
    return {
        "kind": "news",
        "title": "Neue Beratungsstelle in Eilenburg",
        "slug": "",
        "number": "",
        "summary": "",
        "body": "Erster Absatz.\n\nZweiter Absatz.",
        "author": "Sachgebiet Integration",
        "published_at": "",
        **values,
    }


# --- posts ----------------------------------------------------------------------------------------


def test_a_coordinator_writes_a_draft_post_previews_and_publishes_it(
    client: Client, login: Any, actors: Any
) -> None:
    login(actors.owner)
    response = client.post(reverse("news:post_create"), _post_values(region=actors.nordsachsen.pk))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("news:post_edit", args=[post.pk])
    assert (post.slug, post.published_at, post.region) == (
        "neue-beratungsstelle-in-eilenburg",
        None,
        actors.nordsachsen,
    )
    assert AuditLogEntry.objects.filter(action="create", object_type="news.post").exists()
    # A draft: the public does not see it, its editor sees the preview.
    assert client.get(reverse("news:post", args=[post.slug])).status_code == 404
    preview = client.get(reverse("news:post_preview", args=[post.pk])).content.decode()
    assert "Preview" in preview and "Neue Beratungsstelle in Eilenburg" in preview and "draft" in preview
    published = timezone.localtime() - timedelta(minutes=1)
    client.post(
        reverse("news:post_edit", args=[post.pk]),
        _post_values(
            region=actors.nordsachsen.pk, slug=post.slug, published_at=published.strftime("%Y-%m-%dT%H:%M")
        ),
    )
    assert client.get(reverse("news:post", args=[post.slug])).status_code == 200


def test_a_press_release_needs_a_number_and_gets_its_press_contact(
    client: Client, login: Any, actors: Any
) -> None:
    contact = ContactPersonFactory.create(organisation=actors.organisation, function="Pressestelle")
    login(actors.office)
    values = _post_values(kind="press_release", title="Kursbuch vorgestellt", region=actors.state.pk)
    response = client.post(
        reverse("news:post_create"), {**values, "number": "sieben", "press_contact": contact.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Post.objects.exists()
    assert "needs a number like 7/2014" in html and 'href="#id_number"' in html
    assert 'aria-describedby="id_number_error id_number_helptext"' in html
    client.post(reverse("news:post_create"), {**values, "number": "7/2014", "press_contact": contact.pk})
    post = Post.objects.get()
    assert (post.number, post.press_contact, post.kind) == ("7/2014", contact, "press_release")
    # The number is unique: a second 7/2014 is refused with a message, not a crash.
    again = client.post(reverse("news:post_create"), {**values, "slug": "noch-einmal", "number": "7/2014"})
    assert again.status_code == 200 and Post.objects.count() == 1


def test_news_are_not_numbered_and_have_no_press_contact(client: Client, login: Any, actors: Any) -> None:
    contact = ContactPersonFactory.create(organisation=actors.organisation)
    login(actors.owner)
    response = client.post(
        reverse("news:post_create"),
        _post_values(region=actors.nordsachsen.pk, number="1/2026", press_contact=contact.pk),
    )
    html = response.content.decode()
    assert "Only press releases are numbered" in html and "Only press releases have a press contact" in html
    assert not Post.objects.exists()


def test_a_coordinator_places_posts_only_in_their_regions(client: Client, login: Any, actors: Any) -> None:
    login(actors.owner)
    response = client.post(reverse("news:post_create"), _post_values(region=actors.mittelsachsen.pk))
    assert response.status_code == 200 and not Post.objects.exists()
    without_region = client.post(reverse("news:post_create"), _post_values(region=""))
    assert without_region.status_code == 200 and not Post.objects.exists()


def test_outsiders_cannot_edit_posts(client: Client, login: Any, actors: Any) -> None:
    post = PostFactory.create(region=actors.nordsachsen, title="Unverändert")
    edit = reverse("news:post_edit", args=[post.pk])
    assert client.get(reverse("news:post_list")).status_code == 302  # anonymous: to the login
    login(actors.editor)
    assert client.get(reverse("news:post_list")).status_code == 404
    assert client.get(reverse("news:post_create")).status_code == 404
    login(actors.outsider)
    assert client.get(edit).status_code == 404
    assert (
        client.post(edit, _post_values(title="Geändert", region=actors.mittelsachsen.pk)).status_code == 404
    )
    assert client.get(reverse("news:post_preview", args=[post.pk])).status_code == 404
    post.refresh_from_db()
    assert post.title == "Unverändert"


def test_the_post_list_shows_an_editors_posts_in_fixed_queries(
    client: Client, login: Any, actors: Any, django_assert_max_num_queries: Any
) -> None:
    PostFactory.create_batch(12, region=actors.eilenburg)
    PostFactory.create(region=actors.nordsachsen, title="Entwurf Nordsachsen", published_at=None)
    PostFactory.create(region=actors.mittelsachsen, title="Aus Mittelsachsen")
    login(actors.owner)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("news:post_list")).content.decode()
    assert html.count("/verwaltung/beitraege/") >= 13
    assert "Entwurf Nordsachsen" in html and "Aus Mittelsachsen" not in html
    assert html.index("Entwurf Nordsachsen") < html.index("Meldung")  # drafts first
    PostFactory.create_batch(50, region=actors.eilenburg)
    second_page = client.get(reverse("news:post_list"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second_page and 'rel="prev"' in second_page


# --- images ---------------------------------------------------------------------------------------


def _upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_images_need_alt_text_and_must_really_be_images(
    client: Client, login: Any, actors: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    post = PostFactory.create(region=actors.nordsachsen)
    url = reverse("news:post_image_add", args=[post.pk])
    login(actors.owner)
    no_alt = client.post(url, {"image": _upload("foto.png", png_bytes()), "alt_text": " "})
    assert "Describe the image" in no_alt.content.decode()
    disguised = client.post(
        url, {"image": _upload("foto.png", b"<script>alert(1)</script>"), "alt_text": "Foto"}
    )
    assert disguised.status_code == 200 and "id_image_error" in disguised.content.decode()
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (2, 2)).save(buffer, format="TIFF")
    tiff = client.post(url, {"image": _upload("foto.png", buffer.getvalue()), "alt_text": "Foto"})
    assert "Only JPEG, PNG, GIF and WebP" in tiff.content.decode()
    assert not PostImage.objects.exists()
    added = client.post(url, {"image": _upload("foto.png", png_bytes()), "alt_text": "Team des Sachgebiets"})
    assert added.status_code == 302
    image = PostImage.objects.get()
    assert image.alt_text == "Team des Sachgebiets"
    edit = client.get(reverse("news:post_edit", args=[post.pk])).content.decode()
    assert 'alt="Team des Sachgebiets"' in edit


def test_removing_an_image_asks_first(
    client: Client, login: Any, actors: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    post = PostFactory.create(region=actors.nordsachsen)
    image = PostImage.objects.create(post=post, image=_upload("a.png", png_bytes()), alt_text="Foto")
    url = reverse("news:post_image_remove", args=[post.pk, image.pk])
    login(actors.outsider)
    assert client.post(url).status_code == 404
    login(actors.owner)
    confirm = client.get(url)
    assert confirm.status_code == 200 and PostImage.objects.exists()
    assert client.post(url).status_code == 302
    assert not PostImage.objects.exists()


# --- newsletters ----------------------------------------------------------------------------------


def _newsletter_values(region: Any, **values: Any) -> dict[str, Any]:
    return {
        "name": "Newsletter Landkreis",
        "slug": "landkreis",
        "description": "",
        "region": region.pk,
        "sender_name": "Landratsamt",
        "sender_email": "newsletter@example.org",
        "reply_to": "",
        "design": "district",
        "footer": "Impressum",
        "active": "on",
        **values,
    }


def test_the_office_sets_up_a_newsletter_and_a_coordinator_edits_theirs(
    client: Client, login: Any, actors: Any, newsletter: Newsletter
) -> None:
    login(actors.owner)
    assert client.get(reverse("news:newsletter_create")).status_code == 404
    edit = reverse("news:newsletter_edit", args=[newsletter.slug])
    bad = client.post(edit, _newsletter_values(actors.nordsachsen, slug="nordsachsen", sender_email="keine"))
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()
    client.post(edit, _newsletter_values(actors.nordsachsen, slug="nordsachsen", reply_to="ama@example.org"))
    newsletter.refresh_from_db()
    assert (newsletter.reply_to, newsletter.design, newsletter.sender_name) == (
        "ama@example.org",
        "district",
        "Landratsamt",
    )
    # A coordinator cannot move the newsletter out of their regions.
    moved = client.post(edit, _newsletter_values(actors.mittelsachsen, slug="nordsachsen"))
    newsletter.refresh_from_db()
    assert moved.status_code == 200 and newsletter.region == actors.nordsachsen
    login(actors.outsider)
    assert client.post(edit, _newsletter_values(actors.mittelsachsen, slug="nordsachsen")).status_code == 404
    login(actors.office)
    assert client.post(reverse("news:newsletter_create"), _newsletter_values(actors.state)).status_code == 302
    assert Newsletter.objects.get(slug="landkreis").sender_email == "newsletter@example.org"


# --- issues and blocks ----------------------------------------------------------------------------


def test_an_issue_is_created_with_a_working_group_segment(
    client: Client, login: Any, actors: Any, newsletter: Newsletter, draft: Issue
) -> None:
    group = WorkingGroupFactory.create(name="AK Wohnen", region=actors.nordsachsen)
    url = reverse("news:issue_create", args=[newsletter.slug])
    values = {
        "number": "3/22",
        "title": "Wohnen",
        "subject": "Newsletter 3/22",
        "segment_working_group": group.pk,
    }
    login(actors.owner)
    duplicate = client.post(url, values)
    assert duplicate.status_code == 200 and Issue.objects.count() == 1
    response = client.post(url, {**values, "number": "4/22"})
    issue = Issue.objects.get(number="4/22")
    assert response["Location"] == _url("issue_manage", issue) + "#blocks"
    assert issue.segment_working_group == group and issue.status == Issue.Status.DRAFT
    login(actors.outsider)
    assert client.post(url, {**values, "number": "5/22"}).status_code == 404
    assert not Issue.objects.filter(number="5/22").exists()


def test_blocks_of_each_kind_are_added_moved_and_removed(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    post = PostFactory.create(region=actors.nordsachsen, title="Interview")
    login(actors.owner)
    add = _url("block_create", draft)
    form = client.get(add, {"kind": "editorial"}).content.decode()
    assert 'name="signature"' in form and 'name="organisation"' not in form
    too_many = client.post(add + "?kind=meetings", {"heading": "Termine", "limit": 0})
    assert too_many.status_code == 200 and 'aria-invalid="true"' in too_many.content.decode()
    missing = client.post(
        add + "?kind=editorial", {"heading": "Liebe Leser", "body": "Grußwort", "signature": ""}
    )
    assert missing.status_code == 200 and not draft.blocks.exists()
    cases: list[tuple[str, dict[str, Any]]] = [
        ("editorial", {"heading": "Liebe Leser", "body": "Grußwort", "signature": "Ihr Team"}),
        ("posts", {"heading": "Aktuelles", "posts": [post.pk]}),
        ("text", {"heading": "Abmelden", "body": "So melden Sie sich ab."}),
        ("contacts", {"heading": "Kontakte", "organisation": actors.organisation.pk}),
        ("meetings", {"heading": "Termine", "region": actors.nordsachsen.pk, "limit": 3}),
        ("next_issue", {"body": "Die nächste Ausgabe erscheint im September."}),
    ]
    for kind, values in cases:
        response = client.post(f"{add}?kind={kind}", values)
        assert response.status_code == 302, (kind, response.content.decode()[:2000])
    blocks = list(draft.blocks.order_by("position"))
    assert [block.kind for block in blocks] == [kind for kind, _values in cases]
    assert list(blocks[1].posts.all()) == [post] and blocks[4].limit == 3
    client.post(_url("block_move", draft, blocks[5].pk), {"direction": "up"})
    assert list(draft.blocks.order_by("position").values_list("kind", flat=True))[4:] == [
        "next_issue",
        "meetings",
    ]
    client.post(_url("block_edit", draft, blocks[2].pk), {"heading": "Abmelden", "body": "Neuer Text."})
    blocks[2].refresh_from_db()
    assert blocks[2].body == "Neuer Text."
    remove = _url("block_remove", draft, blocks[2].pk)
    assert "Remove the block" in client.get(remove).content.decode() and draft.blocks.count() == 6
    client.post(remove)
    assert draft.blocks.count() == 5
    assert client.get(add, {"kind": "unbekannt"}).status_code == 302


def test_outsiders_cannot_change_blocks(client: Client, login: Any, actors: Any, draft: Issue) -> None:
    block = IssueBlockFactory.create(issue=draft, heading="Bleibt")
    login(actors.outsider)
    assert client.post(_url("block_create", draft) + "?kind=text", {"body": "x"}).status_code == 404
    assert (
        client.post(
            _url("block_edit", draft, block.pk), {"heading": "x", "body": "x", "signature": "x"}
        ).status_code
        == 404
    )
    assert client.post(_url("block_move", draft, block.pk), {"direction": "up"}).status_code == 404
    assert client.post(_url("block_remove", draft, block.pk)).status_code == 404
    assert (
        client.post(_url("issue_edit", draft), {"number": "9/22", "title": "x", "subject": "x"}).status_code
        == 404
    )
    assert [(b.heading, b.body) for b in draft.blocks.all()] == [("Bleibt", "Ein Grußwort.")]
    other_issue = IssueFactory.create()
    login(actors.owner)
    assert (
        client.get(
            _url("block_edit", other_issue, block.pk).replace(other_issue.newsletter.slug, "nordsachsen")
        ).status_code
        == 404
    )


def test_a_sent_issue_is_read_only_with_a_clear_message(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    block = IssueBlockFactory.create(issue=draft, heading="Bleibt")
    draft.status = Issue.Status.SENT
    draft.sent_at = timezone.now()
    draft.save()
    login(actors.owner)
    manage = client.get(_url("issue_manage", draft)).content.decode()
    assert "can no longer be changed" in manage
    assert _url("block_edit", draft, block.pk) not in manage and _url("issue_edit", draft) not in manage
    for url, data in [
        (_url("issue_edit", draft), {"number": "9/22", "title": "x", "subject": "x"}),
        (_url("block_create", draft) + "?kind=text", {"body": "neu"}),
        (_url("block_edit", draft, block.pk), {"heading": "x", "body": "x", "signature": "x"}),
        (_url("block_move", draft, block.pk), {"direction": "down"}),
        (_url("block_remove", draft, block.pk), {}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 409 and "can no longer be changed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.number == "3/22" and [b.heading for b in draft.blocks.all()] == ["Bleibt"]


def test_the_issue_page_lists_blocks_in_fixed_queries(
    client: Client, login: Any, actors: Any, draft: Issue, django_assert_max_num_queries: Any
) -> None:
    for number in range(15):
        IssueBlockFactory.create(issue=draft, heading=f"Block {number}", position=number)
    login(actors.owner)
    with django_assert_max_num_queries(16):
        html = client.get(_url("issue_manage", draft)).content.decode()
    assert html.count('name="direction"') == 28  # up for all but the first, down for all but the last


def test_the_manage_page_links_every_editing_page(
    client: Client, login: Any, actors: Any, newsletter: Newsletter
) -> None:
    login(actors.office)
    html = client.get(reverse("news:manage")).content.decode()
    for url in (
        reverse("news:post_list"),
        reverse("news:post_create"),
        reverse("news:newsletter_create"),
        reverse("news:issue_create", args=[newsletter.slug]),
        reverse("news:newsletter_edit", args=[newsletter.slug]),
    ):
        assert url in html
    login(actors.owner)
    assert reverse("news:newsletter_create") not in client.get(reverse("news:manage")).content.decode()


def test_the_office_lifts_a_bounce_hold_on_a_page(
    client: Client, login: Any, actors: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(3):
        subscription = SubscriptionFactory.create(subscriber__email=f"weg{number}@example.org")
        services.bounce_record(
            email=subscription.subscriber.email,
            kind="hard",
            source="test",
            event_id=f"bounce-{number}",
            description="mailbox unknown",
        )
    SubscriptionFactory.create(subscriber__email="da@example.org")
    held = Subscriber.objects.get(email="weg1@example.org")
    login(actors.office)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("news:holds")).content.decode()
    assert page.count("@example.org</td>") == 3 and "da@example.org" not in page
    assert "mailbox unknown" in page
    assert client.get(reverse("news:manage")).content.decode().count(reverse("news:holds")) == 1

    response = client.post(reverse("news:hold_release", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert not held.on_hold and held.hold_reason == "" and held.held_at is None
    assert AuditLogEntry.objects.filter(action="release_hold", object_id=str(held.pk)).count() == 1
    assert held.subscriptions.get() in selectors.subscriptions_in_segment(
        issue=IssueFactory.create(newsletter=held.subscriptions.get().newsletter)
    )
    client.post(reverse("news:hold_release", args=[held.pk]))  # twice: nothing more happens
    assert AuditLogEntry.objects.filter(action="release_hold", object_id=str(held.pk)).count() == 1
    assert client.get(reverse("news:hold_release", args=[held.pk])).status_code == 405


def test_only_the_office_sees_and_lifts_holds(client: Client, login: Any, actors: Any) -> None:
    subscription = SubscriptionFactory.create(subscriber__email="weg@example.org")
    services.bounce_record(email="weg@example.org", kind="hard", source="test", event_id="b-1")
    held = Subscriber.objects.get(pk=subscription.subscriber_id)
    assert client.get(reverse("news:holds")).status_code == 302  # anonymous: to the login
    for user in (actors.owner, actors.editor, actors.outsider):
        login(user)
        assert client.get(reverse("news:holds")).status_code == 404
        assert client.post(reverse("news:hold_release", args=[held.pk])).status_code == 404
        manage = client.get(reverse("news:manage"))
        assert manage.status_code != 200 or reverse("news:holds") not in manage.content.decode()
    held.refresh_from_db()
    assert held.on_hold


def test_a_meetings_block_names_one_series_labelled_with_its_region(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    state_network = MeetingSeriesFactory.create(name="Landesnetzwerk", region=actors.state)
    district_network = MeetingSeriesFactory.create(name="Netzwerktreffen", region=actors.nordsachsen)
    MeetingSeriesFactory.create(name="Netzwerktreffen", region=actors.mittelsachsen)
    login(actors.owner)
    add = _url("block_create", draft) + "?kind=meetings"
    form = client.get(add).content.decode()
    assert 'name="meeting_series"' in form
    assert "Netzwerktreffen (Nordsachsen)" in form and "Netzwerktreffen (Mittelsachsen)" in form
    assert "Landesnetzwerk (Freistaat Sachsen)" in form

    response = client.post(
        add,
        {
            "heading": "Termine",
            "region": actors.nordsachsen.pk,
            "meeting_series": state_network.pk,
            "limit": 3,
        },
    )
    assert response.status_code == 302
    block = draft.blocks.get()
    assert block.meeting_series == state_network and block.region == actors.nordsachsen
    entry = AuditLogEntry.objects.get(action="create", object_id=str(block.pk))
    assert entry.changes["meeting_series"] == [None, str(state_network.pk)]
    edit = _url("block_edit", draft, block.pk)
    assert f'<option value="{state_network.pk}" selected>' in client.get(edit).content.decode()
    client.post(edit, {"heading": "Termine", "region": "", "meeting_series": district_network.pk, "limit": 3})
    block.refresh_from_db()
    assert block.meeting_series == district_network and block.region is None
    client.post(edit, {"heading": "Termine", "region": "", "meeting_series": "", "limit": 5})
    block.refresh_from_db()
    assert block.meeting_series is None


def test_a_series_that_does_not_exist_or_lies_outside_the_region_is_refused(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    elsewhere = MeetingSeriesFactory.create(name="Netzwerktreffen", region=actors.mittelsachsen)
    block = IssueBlockFactory.create(issue=draft, kind="meetings", heading="Termine", body="")
    login(actors.owner)
    edit = _url("block_edit", draft, block.pk)
    missing = client.post(edit, {"heading": "Geändert", "meeting_series": elsewhere.pk + 1000, "limit": 3})
    page = missing.content.decode()
    assert missing.status_code == 200
    assert "This meeting series does not exist (any more); please choose one from the list." in page
    assert 'href="#id_meeting_series"' in page and 'aria-invalid="true"' in page
    outside = client.post(
        edit,
        {"heading": "Geändert", "region": actors.nordsachsen.pk, "meeting_series": elsewhere.pk, "limit": 3},
    )
    assert outside.status_code == 200
    assert "belongs to Mittelsachsen, which is neither Nordsachsen nor a region above it" in (
        outside.content.decode()
    )
    block.refresh_from_db()
    assert block.heading == "Termine" and block.meeting_series is None and block.region is None
    assert not AuditLogEntry.objects.filter(object_id=str(block.pk)).exists()


def test_outsiders_cannot_give_a_block_a_series(
    client: Client, login: Any, actors: Any, draft: Issue
) -> None:
    series = MeetingSeriesFactory.create(region=actors.mittelsachsen)
    block = IssueBlockFactory.create(issue=draft, kind="meetings", heading="Termine", body="")
    login(actors.outsider)
    response = client.post(
        _url("block_edit", draft, block.pk), {"heading": "x", "meeting_series": series.pk, "limit": 3}
    )
    assert response.status_code == 404
    block.refresh_from_db()
    assert block.meeting_series is None and block.heading == "Termine"
