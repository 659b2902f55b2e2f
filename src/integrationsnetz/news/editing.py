"""Editing pages of the news app: posts with images, newsletters, issues and their blocks, holds.

Thin like views.py: the policy decides (``policy.require`` answers 404 to whoever may not), the forms
validate, the services write and audit-log. An issue that is being sent or was sent is read-only:
its pages say so and change nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.news import selectors, services
from integrationsnetz.news.forms import (
    BlockKindForm,
    IssueBlockForm,
    IssueForm,
    NewsletterForm,
    PostForm,
    PostImageForm,
)
from integrationsnetz.news.models import Issue, IssueBlock, Newsletter, Post, PostImage, Subscriber

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> Any:
    return services.actor_or_none(request.user)


def _saved(form: Any, save: Any) -> Any:
    """Run ``save``; a rule the model checks on saving becomes a form error instead of a crash."""
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


# --- posts ----------------------------------------------------------------------------------------


@login_required
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", Post)
    page = Paginator(selectors.posts_editable_by(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/edit/post_list.html", {"page": page})


def _post_form(request: HttpRequest, post: Post | None) -> PostForm:
    return PostForm(
        request.POST or None,
        instance=post,
        regions=selectors.regions_for_editor(request.user),
        # Only who may write a post without region (state-wide) may leave the field empty.
        region_required=not policy.can(request.user, "create", Post(region=None)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", Post)
    form = _post_form(request, None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        policy.require(request.user, "create", Post(region=values["region"]))
        post = _saved(form, lambda: services.post_save(actor=_actor(request), **values))
        if post is not None:
            messages.success(request, _("The post was saved."))
            return redirect("news:post_edit", pk=post.pk)
    return render(request, "news/edit/post_form.html", {"form": form, "post": None})


def _editable_post(request: HttpRequest, pk: int) -> Post:
    post = selectors.post_for_editing(pk=pk)
    if post is None:
        raise Http404
    policy.require(request.user, "edit", post)
    return post


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _editable_post(request, pk)
    form = _post_form(request, post)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        saved = _saved(form, lambda: services.post_save(actor=_actor(request), post=post, **values))
        if saved is not None:
            messages.success(request, _("The post was saved."))
            return redirect("news:post_edit", pk=post.pk)
    return render(request, "news/edit/post_form.html", {"form": form, "post": post})


@login_required
@require_GET
def post_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The post exactly as readers will see it, before (or after) it is published."""
    post = _editable_post(request, pk)
    return render(request, "news/post_detail.html", {"post": post, "preview": True, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def post_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    post = _editable_post(request, pk)
    policy.require(request.user, "create", PostImage(post=post))
    form = PostImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = _saved(
            form,
            lambda: services.post_image_add(
                actor=_actor(request),
                post=post,
                image=data["image"],
                alt_text=data["alt_text"],
                caption=data["caption"],
                credit=data["credit"],
            ),
        )
        if added is not None:
            messages.success(request, _("The image was added."))
            return redirect(reverse("news:post_edit", args=[post.pk]) + "#images")
    return render(request, "news/edit/image_form.html", {"form": form, "post": post})


@login_required
@require_http_methods(["GET", "POST"])
def post_image_remove(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    post = _editable_post(request, pk)
    image = get_object_or_404(PostImage.objects.select_related("post__region"), pk=image_pk, post=post)
    policy.require(request.user, "delete", image)
    if request.method == "POST":
        services.post_image_remove(actor=_actor(request), image=image)
        messages.success(request, _("The image was removed."))
        return redirect(reverse("news:post_edit", args=[post.pk]) + "#images")
    return render(
        request,
        "news/edit/confirm_remove.html",
        {
            "title": _("Remove the image “%(name)s”?") % {"name": image.alt_text},
            "explanation": _("The image file is deleted. The audit log keeps a record."),
            "cancel_url": reverse("news:post_edit", args=[post.pk]) + "#images",
        },
    )


# --- newsletters ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def newsletter_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", Newsletter)
    form = NewsletterForm(request.POST or None, regions=selectors.regions_for_editor(request.user))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        newsletter = _saved(form, lambda: services.newsletter_save(actor=_actor(request), **values))
        if newsletter is not None:
            messages.success(request, _("The newsletter was saved."))
            return redirect("news:manage")
    return render(request, "news/edit/newsletter_form.html", {"form": form, "newsletter": None})


@login_required
@require_http_methods(["GET", "POST"])
def newsletter_edit(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter.objects.select_related("region"), slug=slug)
    policy.require(request.user, "edit", newsletter)
    # A coordinator keeps the newsletter in their regions; the office may move it anywhere.
    form = NewsletterForm(
        request.POST or None, instance=newsletter, regions=selectors.regions_for_editor(request.user)
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        saved = _saved(
            form, lambda: services.newsletter_save(actor=_actor(request), newsletter=newsletter, **values)
        )
        if saved is not None:
            messages.success(request, _("The newsletter was saved."))
            return redirect("news:manage")
    return render(request, "news/edit/newsletter_form.html", {"form": form, "newsletter": newsletter})


# --- issues and blocks ----------------------------------------------------------------------------


def _editable_newsletter(request: HttpRequest, slug: str) -> Newsletter:
    newsletter = get_object_or_404(Newsletter.objects.select_related("region"), slug=slug)
    policy.require(request.user, "create", Issue(newsletter=newsletter))
    return newsletter


def _editable_issue(request: HttpRequest, slug: str, pk: int) -> Issue:
    issue = selectors.issue_with_blocks(issue_id=pk)
    if issue is None or issue.newsletter.slug != slug:
        raise Http404
    policy.require(request.user, "edit", issue)
    return issue


def _locked(request: HttpRequest, issue: Issue) -> HttpResponse:
    """What every editing page of a sent issue answers: it stays as subscribers got it."""
    return render(request, "news/edit/issue_locked.html", {"issue": issue}, status=409)


def _issue_manage_url(issue: Issue, anchor: str = "") -> str:
    return reverse("news:issue_manage", args=[issue.newsletter.slug, issue.pk]) + anchor


@login_required
@require_http_methods(["GET", "POST"])
def issue_create(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = _editable_newsletter(request, slug)
    form = IssueForm(request.POST or None, instance=Issue(newsletter=newsletter))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        issue = _saved(
            form, lambda: services.issue_save(actor=_actor(request), newsletter=newsletter, **values)
        )
        if issue is not None:
            messages.success(request, _("The issue was created. Now add its blocks."))
            return redirect(_issue_manage_url(issue, "#blocks"))
    return render(
        request, "news/edit/issue_form.html", {"form": form, "newsletter": newsletter, "issue": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _editable_issue(request, slug, pk)
    if issue.status in services.LOCKED_STATUSES:
        return _locked(request, issue)
    form = IssueForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = _saved(form, lambda: services.issue_save(actor=_actor(request), issue=issue, **values))
        except services.IssueLocked:
            return _locked(request, issue)
        if saved is not None:
            messages.success(request, _("The issue was saved."))
            return redirect(_issue_manage_url(issue))
    return render(
        request, "news/edit/issue_form.html", {"form": form, "newsletter": issue.newsletter, "issue": issue}
    )


def _block_of(issue: Issue, block_pk: int) -> IssueBlock:
    block = next((block for block in issue.blocks.all() if block.pk == block_pk), None)
    if block is None:
        raise Http404
    return block


@login_required
@require_http_methods(["GET", "POST"])
def block_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _editable_issue(request, slug, pk)
    policy.require(request.user, "create", IssueBlock(issue=issue))
    if issue.status in services.LOCKED_STATUSES:
        return _locked(request, issue)
    kind_form = BlockKindForm(request.GET)
    if not kind_form.is_valid():
        messages.error(request, _("Choose a kind of block."))
        return redirect(_issue_manage_url(issue, "#blocks"))
    kind = kind_form.cleaned_data["kind"]
    return _block_form_page(request, issue, IssueBlock(issue=issue, kind=kind))


@login_required
@require_http_methods(["GET", "POST"])
def block_edit(request: HttpRequest, slug: str, pk: int, block_pk: int) -> HttpResponse:
    issue = _editable_issue(request, slug, pk)
    block = _block_of(issue, block_pk)
    policy.require(request.user, "edit", block)
    if issue.status in services.LOCKED_STATUSES:
        return _locked(request, issue)
    return _block_form_page(request, issue, block)


def _block_form_page(request: HttpRequest, issue: Issue, block: IssueBlock) -> HttpResponse:
    form = IssueBlockForm(
        request.POST or None,
        instance=block,
        kind=block.kind,
        posts=selectors.posts_for_issue_block(request.user),
    )
    if request.method == "POST" and form.is_valid():
        values = form.block_values()
        existing = block if block.pk else None
        try:
            saved = _saved(
                form,
                lambda: services.issue_block_save(
                    actor=_actor(request), block=existing, issue=issue, kind=block.kind, **values
                ),
            )
        except services.IssueLocked:
            return _locked(request, issue)
        if saved is not None:
            messages.success(request, _("The block was saved."))
            return redirect(_issue_manage_url(issue, f"#block-{saved.pk}"))
    return render(request, "news/edit/block_form.html", {"form": form, "issue": issue, "block": block})


@login_required
@require_POST
def block_move(request: HttpRequest, slug: str, pk: int, block_pk: int) -> HttpResponse:
    issue = _editable_issue(request, slug, pk)
    block = _block_of(issue, block_pk)
    policy.require(request.user, "edit", block)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose whether to move the block up or down."))
        return redirect(_issue_manage_url(issue, "#blocks"))
    try:
        services.issue_block_move(actor=_actor(request), block=block, offset=offset)
    except services.IssueLocked:
        return _locked(request, issue)
    messages.success(request, _("The block “%(name)s” was moved.") % {"name": block})
    return redirect(_issue_manage_url(issue, f"#block-{block.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def block_remove(request: HttpRequest, slug: str, pk: int, block_pk: int) -> HttpResponse:
    issue = _editable_issue(request, slug, pk)
    block = _block_of(issue, block_pk)
    policy.require(request.user, "delete", block)
    if issue.status in services.LOCKED_STATUSES:
        return _locked(request, issue)
    if request.method == "POST":
        try:
            services.issue_block_remove(actor=_actor(request), block=block)
        except services.IssueLocked:
            return _locked(request, issue)
        messages.success(request, _("The block “%(name)s” was removed.") % {"name": block})
        return redirect(_issue_manage_url(issue, "#blocks"))
    return render(
        request,
        "news/edit/confirm_remove.html",
        {
            "title": _("Remove the block “%(name)s”?") % {"name": block},
            "explanation": _("The block is removed from issue %(issue)s. The audit log keeps a record.")
            % {"issue": issue},
            "cancel_url": _issue_manage_url(issue, f"#block-{block.pk}"),
        },
    )


# --- addresses on hold ----------------------------------------------------------------------------


@login_required
@require_GET
def holds(request: HttpRequest) -> HttpResponse:
    """The addresses a hard bounce put on hold: the office checks them and lifts the hold."""
    policy.require(request.user, "edit", Subscriber)
    return render(request, "news/edit/holds.html", {"subscribers": selectors.subscribers_on_hold()})


@login_required
@require_POST
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, pk=pk)
    policy.require(request.user, "edit", subscriber)
    if subscriber.on_hold:
        services.subscriber_release_hold(subscriber=subscriber, actor=_actor(request))
        messages.success(request, _("%(email)s gets newsletters again.") % {"email": subscriber.email})
    return redirect("news:holds")
