"""Pages of the news app: post archive, newsletters with subscription, issue views, sending.

Thin: parse -> policy -> service/selector -> render. Links in mails (confirm, unsubscribe) work
without login; they show a page with a button on GET and act only on POST, so that link scanners of
mail systems, which fetch every link, change nothing.
"""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.news import composition, selectors, services
from integrationsnetz.news.forms import BlockKindForm, PostSearchForm, ScheduleForm, SubscribeForm
from integrationsnetz.news.models import Issue, Newsletter, Post, Subscriber

PAGE_SIZE = 20


@require_GET
def post_archive(request: HttpRequest) -> HttpResponse:
    form = PostSearchForm(request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    posts = selectors.post_search(
        query=filters.get("q", ""), kind=filters.get("kind", ""), region=filters.get("region")
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "news/post_archive.html",
        {"form": form, "page": page, "query": query.urlencode(), "newsletters": selectors.newsletters_open()},
    )


@require_GET
def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = selectors.post_detail(slug=slug)
    if post is None:
        raise Http404
    return render(request, "news/post_detail.html", {"post": post})


@require_GET
def newsletter_list(request: HttpRequest) -> HttpResponse:
    return render(request, "news/newsletter_list.html", {"newsletters": selectors.newsletters_open()})


@require_http_methods(["GET", "POST"])
def newsletter_archive(request: HttpRequest, slug: str) -> HttpResponse:
    """A newsletter's page: the subscription form and the web archive of its sent issues."""
    newsletter = get_object_or_404(Newsletter.objects.select_related("region"), slug=slug)
    wording = services.consent_wording(newsletter)
    language = translation.get_language() or "de"
    form = SubscribeForm(
        request.POST or None, newsletter=newsletter, wording=wording, initial={"language": language[:2]}
    )
    if request.method == "POST" and newsletter.active and form.is_valid():
        data = form.cleaned_data
        services.subscription_request(
            newsletter=newsletter,
            email=data["email"],
            language=data["language"],
            region=data["region"],
            role=data["role"],
            wording=wording,
            source=f"web form {request.path}",
        )
        return redirect("news:subscribed", slug=newsletter.slug)
    return render(
        request,
        "news/newsletter_archive.html",
        {"newsletter": newsletter, "form": form, "issues": selectors.issues_sent(newsletter=newsletter)},
    )


@require_GET
def subscribed(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter, slug=slug)
    return render(request, "news/subscribed.html", {"newsletter": newsletter})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        subscription = services.subscription_confirm(confirm_token=token, source="confirmation link")
        if subscription is None:
            return render(request, "news/link_unknown.html", status=404)
        return render(request, "news/confirmed.html", {"subscription": subscription})
    return render(request, "news/confirm.html", {"token": token})


@csrf_exempt  # RFC 8058: mail systems POST "List-Unsubscribe=One-Click" without any session or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        subscription = services.subscription_unsubscribe(
            token=token, source="one-click (RFC 8058)" if one_click else "unsubscribe page"
        )
        if subscription is None:
            return render(request, "news/link_unknown.html", status=404)
        if one_click:
            return HttpResponse(status=200)
        return render(request, "news/unsubscribed.html", {"subscription": subscription})
    return render(request, "news/unsubscribe.html", {"token": token})


def _issue_for(request: HttpRequest, slug: str, pk: int, action: str) -> Issue:
    issue = selectors.issue_with_blocks(issue_id=pk)
    if issue is None or issue.newsletter.slug != slug:
        raise Http404
    policy.require(request.user, action, issue)
    return issue


@require_GET
def issue_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The web version of an issue (the archive); a preview for its editors before it is sent."""
    issue = _issue_for(request, slug, pk, "view")
    context = composition.issue_page_context(issue)
    context["may_edit"] = policy.can(request.user, "edit", issue)
    return render(request, "news/issue_detail.html", context)


@require_GET
def issue_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "view")
    pdf = composition.issue_pdf(issue, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{issue.newsletter.slug}-{issue.pk}.pdf"'
    return response


# E-mail HTML carries its own <style> element (mail clients ignore linked style sheets); this page
# shows that HTML exactly as subscribers get it, so it alone allows inline styles.
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
@require_GET
def issue_email_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "edit")
    rendered = composition.issue_mail_render(issue, language=translation.get_language() or "de")
    if request.GET.get("format") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    newsletters = selectors.newsletters_editable_by(request.user)
    issues = (
        Issue.objects.filter(newsletter__in=newsletters)
        .select_related("newsletter")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "news/manage.html",
        {
            "newsletters": newsletters,
            "issues": issues,
            "may_edit_posts": policy.can(request.user, "create", Post),
            "may_create_newsletter": policy.can(request.user, "create", Newsletter),
            "may_release_holds": policy.can(request.user, "edit", Subscriber),
        },
    )


def _issue_manage_context(issue: Issue, schedule_form: ScheduleForm) -> dict[str, Any]:
    return {
        "issue": issue,
        "counts": selectors.delivery_counts(issue=issue),
        "audience": selectors.subscriptions_in_segment(issue=issue).count(),
        "schedule_form": schedule_form,
        "locked": issue.status in services.LOCKED_STATUSES,
        "block_kind_form": BlockKindForm(),
    }


@login_required
@require_GET
def issue_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "edit")
    return render(request, "news/issue_manage.html", _issue_manage_context(issue, ScheduleForm()))


@login_required
@require_POST
def issue_test_send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "send")
    email = getattr(request.user, "email", "")
    services.issue_test_send(issue=issue, recipients=[email], actor=services.actor_or_none(request.user))
    messages.success(request, _("A test mail was sent to %(email)s.") % {"email": email})
    return redirect("news:issue_manage", slug=slug, pk=pk)


@login_required
@require_POST
def issue_send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "send")
    count = services.issue_send(issue=issue, actor=services.actor_or_none(request.user))
    messages.success(request, _("Sending to %(count)d subscribers has started.") % {"count": count})
    return redirect("news:issue_manage", slug=slug, pk=pk)


@login_required
@require_POST
def issue_schedule(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    issue = _issue_for(request, slug, pk, "send")
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return render(request, "news/issue_manage.html", _issue_manage_context(issue, form), status=400)
    services.issue_schedule(
        issue=issue, send_at=form.cleaned_data["send_at"], actor=services.actor_or_none(request.user)
    )
    messages.success(request, _("The issue is scheduled."))
    return redirect(reverse("news:issue_manage", args=[slug, pk]))
