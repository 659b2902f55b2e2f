"""Organisers' pages for meeting series: the series they organise, create one, change one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from integrationsnetz.core import policy
from integrationsnetz.meetings import selectors, services
from integrationsnetz.meetings.forms import SeriesForm
from integrationsnetz.meetings.models import MeetingSeries
from integrationsnetz.meetings.views.common import acting_user, add_errors


@require_GET
@login_required
def series_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", MeetingSeries)
    return render(
        request,
        "meetings/series_list.html",
        {"series_list": selectors.series_list_for_organiser(user=request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def series_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "create", MeetingSeries)
    user = acting_user(request)
    form = SeriesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=user, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The series has been created."))
            return redirect(series.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "meetings/series_form.html", {"form": form, "series": None}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(MeetingSeries.objects.select_related("region"), slug=slug)
    policy.require(request.user, "edit", series)
    user = acting_user(request)
    # The form works on its own copy, so a rejected change never touches the series shown.
    form = SeriesForm(request.POST or None, instance=MeetingSeries.objects.get(pk=series.pk), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(series=series, actor=user, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The series has been saved."))
            return redirect(series.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "meetings/series_form.html", {"form": form, "series": series}, status=status)
