"""Working groups: visible to everyone, with documents and a board only for their members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors, services
from integrationsnetz.meetings.forms import AnnouncementForm, DocumentForm, MemberForm, WorkingGroupForm
from integrationsnetz.meetings.models import WorkingGroup
from integrationsnetz.meetings.views.common import acting_user, add_errors


def _group(slug: str) -> WorkingGroup:
    try:
        return selectors.working_group_detail(slug=slug)
    except WorkingGroup.DoesNotExist as missing:
        raise Http404 from missing


@require_GET
def working_group(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    is_inside = policy.can(request.user, "enter", group)
    return render(
        request,
        "meetings/working_group.html",
        {
            "group": group,
            "is_inside": is_inside,
            "may_manage": policy.can(request.user, "edit", group),
            "meetings": selectors.working_group_meetings(group=group),
            "documents": selectors.working_group_documents(group=group) if is_inside else [],
            "announcements": selectors.working_group_announcements(group=group) if is_inside else [],
            "form": AnnouncementForm(),
            "document_form": DocumentForm(),
            "member_form": MemberForm(),
            "members": selectors.working_group_members(group=group) if is_inside else [],
        },
    )


@require_GET
def working_group_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/working_groups.html",
        {
            "working_groups": selectors.working_group_list(),
            "may_create": policy.can(request.user, "create", WorkingGroup),
        },
    )


def _group_form_page(
    request: HttpRequest, *, group: WorkingGroup | None
) -> HttpResponse | tuple[WorkingGroupForm, dict[str, Any]]:
    """The valid form with its values when they should be saved; otherwise the page to show.

    "Search" (``action=search``) only narrows the list of organisations and keeps what was typed.
    """
    user = acting_user(request)
    # The form works on its own copy, so a rejected change never touches the group shown.
    instance = WorkingGroup.objects.select_related("lead", "region").get(pk=group.pk) if group else None
    form = WorkingGroupForm(request.POST or None, instance=instance, user=user)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "search":
            form = WorkingGroupForm(initial=form.entered_values(), instance=instance, user=user)
        elif form.is_valid():
            return form, form.values()
        else:
            status = 400
    return render(request, "meetings/working_group_form.html", {"form": form, "group": group}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def working_group_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", WorkingGroup)
    outcome = _group_form_page(request, group=None)
    if isinstance(outcome, HttpResponse):
        return outcome
    form, values = outcome
    try:
        group = services.working_group_create(actor=acting_user(request), **values)
    except ValidationError as error:
        add_errors(form, error)
        return render(request, "meetings/working_group_form.html", {"form": form, "group": None}, status=400)
    messages.success(request, _("The working group has been created. Now add its members."))
    return redirect(f"{group.get_absolute_url()}#members-heading")


@require_http_methods(["GET", "POST"])
@login_required
def working_group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    policy.require(request.user, "edit", group)
    outcome = _group_form_page(request, group=group)
    if isinstance(outcome, HttpResponse):
        return outcome
    form, values = outcome
    try:
        services.working_group_update(group=group, actor=acting_user(request), **values)
    except ValidationError as error:
        add_errors(form, error)
        return render(request, "meetings/working_group_form.html", {"form": form, "group": group}, status=400)
    messages.success(request, _("The working group has been saved."))
    return redirect(group.get_absolute_url())


@require_POST
@login_required
def announcement_post(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    policy.require(request.user, "post", group)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        services.announcement_post(group=group, actor=acting_user(request), **form.cleaned_data)
        messages.success(request, _("The announcement has been posted and the members are notified."))
        return redirect("meetings:working_group", slug=group.slug)
    return render(
        request,
        "meetings/working_group.html",
        {
            "group": group,
            "is_inside": True,
            "may_manage": policy.can(request.user, "edit", group),
            "meetings": selectors.working_group_meetings(group=group),
            "documents": selectors.working_group_documents(group=group),
            "announcements": selectors.working_group_announcements(group=group),
            "form": form,
            "document_form": DocumentForm(),
            "member_form": MemberForm(),
            "members": selectors.working_group_members(group=group),
        },
        status=400,
    )


@require_POST
@login_required
def group_document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    policy.require(request.user, "edit", group)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_add(actor=acting_user(request), working_group=group, **form.cleaned_data)
        messages.success(request, _("The document has been added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect("meetings:working_group", slug=group.slug)


@require_POST
@login_required
def member_change(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a member by e-mail address, or remove one (``remove`` = the user's id)."""
    from integrationsnetz.accounts.models import User

    group = _group(slug)
    policy.require(request.user, "edit", group)
    if "remove" in request.POST:
        member = (
            group.members.filter(pk=request.POST.get("remove", "")).first()
            if request.POST["remove"].isdigit()
            else None
        )
        if member is None:
            raise Http404
        services.working_group_member_set(group=group, user=member, member=False, actor=acting_user(request))
        messages.success(request, _("%(name)s is no longer a member.") % {"name": member.get_full_name()})
        return redirect("meetings:working_group", slug=group.slug)
    form = MemberForm(request.POST)
    user = None
    if form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        if user is None:
            messages.error(request, _("There is no account with this e-mail address."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    if user is not None:
        services.working_group_member_set(group=group, user=user, member=True, actor=acting_user(request))
        messages.success(request, _("%(name)s is now a member.") % {"name": user.get_full_name()})
    return redirect("meetings:working_group", slug=group.slug)
