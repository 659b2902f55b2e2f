"""Pages of volunteering: public needs, sign-up, offers, proposals, matches, hours and the district view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.accounts.models import User
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.directory.models import Organisation
from integrationsnetz.volunteering import forms, recognition, selectors, services
from integrationsnetz.volunteering.models import HoursEntry, Match, Need, VolunteerOffer
from integrationsnetz.volunteering.notifications import organisation_people
from integrationsnetz.volunteering.reasons import language_names, reasons_text
from integrationsnetz.volunteering.slots import choices_from_slots


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101  # login_required ran first
    return user


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Public needs ------------------------------------------------------------------------------------


@require_GET
def need_list(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteering/need_list.html", {"needs": selectors.needs_public()[:200]})


@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(selectors.need_for_page(), pk=pk)
    policy.require(request.user, "view", need)
    context: dict[str, Any] = {"need": need}
    if policy.can(request.user, "edit", need):
        context["manages"] = True
        context["matches"] = selectors.matches_of_need(need)
        looking = need.status == Need.Status.OPEN and not need.expired_on(timezone.localdate())
        context["expired"] = need.status == Need.Status.OPEN and not looking
        if policy.can(request.user, "contact_volunteers", need) and looking:
            proposals = selectors.proposals_for(need)
            names = language_names(item.language.code for item in need.languages.all())
            context["proposals"] = [
                (proposal, offer, reasons_text([reason.as_json() for reason in proposal.reasons], names))
                for proposal, offer in proposals
            ]
        else:
            context["unverified"] = looking
    return render(request, "volunteering/need_detail.html", context)


def _organisations_for(user: User) -> QuerySet[Organisation]:
    scopes = scopes_of(user)
    organisations = Organisation.objects.filter(status=Organisation.Status.ACTIVE).select_related("region")
    if scopes.is_office:
        return organisations.order_by("name")
    ids = [o.pk for o in organisations.only("pk", "region__path") if policy.can(user, "post_need", o)]
    return organisations.filter(pk__in=ids).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisations = _organisations_for(user)
    if not organisations.exists():
        raise Http404
    form = forms.NeedForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        policy.require(user, "post_need", form.cleaned_data["organisation"])
        try:
            need = services.need_create(actor=user, **form.service_arguments())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The need has been saved."))
            return redirect("volunteering:need", pk=need.pk)
    return render(request, "volunteering/need_form.html", {"form": form})


def _need_initial(need: Need) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(need, name)
        for name in (
            "title",
            "description",
            "region",
            "town",
            "postal_code",
            "latitude",
            "longitude",
            "starts_on",
            "recurring",
            "helpers_wanted",
            "requires_certificate_of_conduct",
            "expires_on",
        )
    }
    initial["slots"] = choices_from_slots(need.slots)
    for number, item in enumerate(need.languages.all(), start=1):
        initial[f"language_{number}"] = item.language.code
        initial[f"level_{number}"] = item.min_level
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(selectors.need_for_page(), pk=pk)
    policy.require(request.user, "edit", need)
    if need.status == Need.Status.WITHDRAWN:
        raise Http404
    form = forms.NeedEditForm(request.POST or None, initial=_need_initial(need))
    if request.method == "POST" and form.is_valid():
        try:
            edit = services.need_update(need=need, actor=_user(request), **form.service_arguments())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The need has been saved."))
            if edit.told_match_ids:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d matched volunteer is told about the change by e-mail.",
                        "%(count)d matched volunteers are told about the change by e-mail.",
                        len(edit.told_match_ids),
                    )
                    % {"count": len(edit.told_match_ids)},
                )
            if edit.withdrawn_match_ids:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d proposal no longer fits the need and has been withdrawn.",
                        "%(count)d proposals no longer fit the need and have been withdrawn.",
                        len(edit.withdrawn_match_ids),
                    )
                    % {"count": len(edit.withdrawn_match_ids)},
                )
            return redirect("volunteering:need", pk=need.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteering/need_form.html", {"form": form, "need": need}, status=status)


@login_required
@require_GET
def needs_managed(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "volunteering/needs_managed.html",
        {
            "needs": selectors.needs_managed_by(user)[:200],
            "hours": selectors.hours_waiting_for(user),
            "districts": Region.objects.filter(pk__in=scopes_of(user).coordinated_region_ids).order_by(
                "name"
            ),
        },
    )


@login_required
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("region"), pk=pk)
    policy.require(request.user, "edit", need)
    services.need_set_status(need=need, status=Need.Status.WITHDRAWN, actor=_user(request))
    messages.success(request, _("The need has been withdrawn."))
    return redirect("volunteering:need", pk=need.pk)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("region", "organisation"), pk=pk)
    policy.require(request.user, "contact_volunteers", need)
    offer = get_object_or_404(VolunteerOffer, pk=offer_pk)
    try:
        match = services.match_propose(need=need, offer=offer, actor=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("volunteering:need", pk=need.pk)
    messages.success(request, _("The volunteer has been asked. You will hear as soon as they answer."))
    return redirect("volunteering:match", pk=match.pk)


# --- Volunteers --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and VolunteerOffer.objects.filter(user_id=request.user.pk).exists():
        return redirect("volunteering:my_offer")
    initial = {"language": get_language(), "available_from": timezone.localdate()}
    if isinstance(request.user, User):
        join_form = forms.JoinForm(request.POST or None, initial=initial)
        if request.method == "POST" and join_form.is_valid():
            services.volunteer_join(
                user=request.user,
                offer=join_form.service_arguments(),
                languages=join_form.language_requirements(),
            )
            messages.success(request, _("Thank you! Your offer is saved; we will tell you when a need fits."))
            return redirect("volunteering:my_offer")
        return render(request, "volunteering/signup.html", {"form": join_form})
    form = forms.SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = services.volunteer_register(
                email=data["email"],
                password=data["password"],
                full_name=data["full_name"],
                language=data["language"],
                offer=form.service_arguments(),
                languages=form.language_requirements(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            login(request, offer.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Thank you! Your offer is saved; we will tell you when a need fits."))
            return redirect("volunteering:my_offer")
    return render(request, "volunteering/signup.html", {"form": form})


def _offer_initial(offer: VolunteerOffer) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(offer, name)
        for name in (
            "region",
            "town",
            "postal_code",
            "latitude",
            "longitude",
            "max_distance_km",
            "hours_per_week",
            "max_matches",
            "available_from",
            "available_until",
            "birth_date",
            "phone",
        )
    }
    initial["activities"] = offer.activities
    initial["availability"] = choices_from_slots(offer.availability)
    for number, item in enumerate(offer.languages.select_related("language"), start=1):
        initial[f"language_{number}"] = item.language.code
        initial[f"level_{number}"] = item.level
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def my_offer(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    offer = VolunteerOffer.objects.filter(user=user).select_related("region").first()
    if offer is None:
        return redirect("volunteering:signup")
    policy.require(user, "edit", offer)
    form = forms.OfferForm(request.POST or None, initial=_offer_initial(offer))
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(
                user=user, actor=user, languages=form.language_requirements(), **form.service_arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your offer has been saved."))
            return redirect("volunteering:my_offer")
    check = recognition.ehrenamtskarte_check(
        birth_date=offer.birth_date, hours=selectors.approved_hours_by_day(offer), on=timezone.localdate()
    )
    return render(
        request,
        "volunteering/my_offer.html",
        {
            "offer": offer,
            "form": form,
            "matches": selectors.matches_of_volunteer(user),
            "check": check,
            "thresholds": {
                "age": recognition.EHRENAMTSKARTE_MIN_AGE_YEARS,
                "hours": recognition.EHRENAMTSKARTE_MIN_HOURS_PER_WEEK,
                "years": recognition.EHRENAMTSKARTE_MIN_YEARS_ACTIVE,
            },
            "period_form": forms.PeriodForm(),
            "qualifications": offer.qualifications.all(),
        },
    )


@login_required
@require_POST
def offer_status(request: HttpRequest, status: str) -> HttpResponse:
    user = _user(request)
    offer = get_object_or_404(VolunteerOffer, user=user)
    if status not in VolunteerOffer.Status.values:
        raise Http404
    services.offer_set_status(offer=offer, status=status, actor=user)
    messages.success(request, _("Your offer has been updated."))
    return redirect("volunteering:my_offer")


@login_required
@require_GET
def certificate(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    offer = get_object_or_404(VolunteerOffer, user=user)
    form = forms.PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "volunteering/certificate_form.html", {"form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    pdf = recognition.certificate_pdf(
        name=user.get_full_name(), start=start, end=end, rows=selectors.approved_hours(offer, start, end)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="engagement-{start}-{end}.pdf"'
    return response


# --- Matches -----------------------------------------------------------------------------------------


def _match(request: HttpRequest, pk: int) -> Match:
    try:
        match = selectors.match_for_page(pk)
    except Match.DoesNotExist as missing:
        raise Http404 from missing
    policy.require(request.user, "view", match)
    return match


def _match_page(request: HttpRequest, match: Match, status: int = 200, **forms_given: Any) -> HttpResponse:
    user = request.user
    context = {
        "match": match,
        "reasons": reasons_text(match.reasons),
        "is_volunteer": policy.can(user, "act_as_volunteer", match),
        "is_organisation": policy.can(user, "act_as_organisation", match),
        "see_contact": policy.can(user, "see_contact", match),
        "may_message": policy.can(user, "message", match),
        "messages_list": match.messages.select_related("sender"),
        "hours": selectors.hours_of_match(match),
        "message_form": forms_given.get("message_form") or forms.MessageForm(),
        "confirm_form": forms_given.get("confirm_form") or forms.ConfirmForm(),
        "end_form": forms_given.get("end_form") or forms.EndForm(),
        "hours_form": forms_given.get("hours_form") or forms.HoursForm(),
        "organisation_people": [],
        "may_record_qualification": policy.can(user, "record_qualification", match.offer),
    }
    if context["see_contact"]:
        context["organisation_people"] = organisation_people(match)
    return render(request, "volunteering/match.html", context, status=status)


@login_required
@require_GET
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _match_page(request, _match(request, pk))


@login_required
@require_POST
def match_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match = _match(request, pk)
    if action not in services.TRANSITIONS:
        raise Http404
    who = services.TRANSITIONS[action][2]
    policy.require(request.user, "act_as_volunteer" if who == "volunteer" else "act_as_organisation", match)
    confirm_form = forms.ConfirmForm(request.POST if action == "confirm" else None)
    if action == "confirm" and not confirm_form.is_valid():
        return _match_page(request, match, status=400, confirm_form=confirm_form)
    meets_at = confirm_form.cleaned_data.get("meets_at") if action == "confirm" else None
    try:
        services.match_advance(match=match, action=action, actor=_user(request), meets_at=meets_at)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("volunteering:match", pk=match.pk)


@login_required
@require_POST
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    if not (
        policy.can(request.user, "act_as_volunteer", match)
        or policy.can(request.user, "act_as_organisation", match)
    ):
        raise Http404
    form = forms.EndForm(request.POST)
    if form.is_valid():
        try:
            services.match_end(match=match, reason=form.cleaned_data["reason"], actor=_user(request))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The match has been ended."))
            return redirect("volunteering:match", pk=match.pk)
    return _match_page(request, match, status=400, end_form=form)


@login_required
@require_POST
def match_message(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    policy.require(request.user, "message", match)
    form = forms.MessageForm(request.POST)
    if form.is_valid():
        try:
            services.match_message_send(match=match, sender=_user(request), body=form.cleaned_data["body"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("volunteering:match", pk=match.pk)
    return _match_page(request, match, status=400, message_form=form)


@login_required
@require_POST
def hours_log(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    policy.require(request.user, "act_as_volunteer", match)
    form = forms.HoursForm(request.POST)
    if form.is_valid():
        try:
            services.hours_log(match=match, actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your hours have been logged; the organisation will approve them."))
            return redirect("volunteering:match", pk=match.pk)
    return _match_page(request, match, status=400, hours_form=form)


@login_required
@require_POST
def hours_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    entry = get_object_or_404(HoursEntry.objects.select_related("match__need", "match__offer"), pk=pk)
    policy.require(request.user, "decide", entry)
    if decision not in ("approve", "reject"):
        raise Http404
    try:
        services.hours_decide(entry=entry, approve=decision == "approve", actor=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("volunteering:match", pk=entry.match_id)


@login_required
@require_GET
def match_ics(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    if match.meets_at is None or not match.mutual_consent:
        raise Http404
    content = recognition.appointment_ics(
        uid=f"volunteering-match-{match.pk}",
        summary=match.need.title,
        starts_at=match.meets_at,
        location=f"{match.need.postal_code} {match.need.town}".strip(),
        url=request.build_absolute_uri(reverse("volunteering:match", args=[match.pk])),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{match.pk}.ics"'
    return response


# --- Coordinators ------------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest, region_key: str) -> HttpResponse:
    district = get_object_or_404(Region, key=region_key)
    policy.require(request.user, "coordinate_volunteering", district)
    organisations = (
        Organisation.objects.filter(region__path__startswith=district.path, status=Organisation.Status.ACTIVE)
        .select_related("volunteering_verification")
        .order_by("name")
    )
    return render(
        request,
        "volunteering/dashboard.html",
        {
            "dashboard": selectors.district_dashboard(district),
            "organisations": organisations[:200],
            "volunteers": selectors.offers_in_district(district)
            .select_related("user")
            .order_by("user__full_name", "pk")[:200],
        },
    )


@login_required
@require_POST
def batch_plan(request: HttpRequest, region_key: str) -> HttpResponse:
    district = get_object_or_404(Region, key=region_key)
    policy.require(request.user, "coordinate_volunteering", district)
    created = services.batch_plan_apply(district=district, actor=_user(request))
    messages.success(request, _("%(count)d proposals have been sent.") % {"count": len(created)})
    return redirect("volunteering:dashboard", region_key=district.key)


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    policy.require(request.user, "verify_for_volunteering", organisation)
    services.organisation_verify(organisation=organisation, actor=_user(request))
    messages.success(request, _("%(name)s has been verified.") % {"name": organisation.name})
    back = request.POST.get("region_key") or ""
    if Region.objects.filter(key=back).exists():
        return redirect("volunteering:dashboard", region_key=back)
    return redirect("volunteering:needs_managed")


@login_required
@require_http_methods(["GET", "POST"])
def qualification_add(request: HttpRequest, offer_pk: int) -> HttpResponse:
    offer = get_object_or_404(VolunteerOffer.objects.select_related("region", "user"), pk=offer_pk)
    policy.require(request.user, "record_qualification", offer)
    form = forms.QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.qualification_record(offer=offer, actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The qualification has been noted."))
            return redirect("volunteering:qualification_add", offer_pk=offer.pk)
    return render(
        request,
        "volunteering/qualification_form.html",
        {"form": form, "offer": offer, "qualifications": offer.qualifications.all()},
    )


# --- Still current? ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def still_current(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link: GET asks, POST with "current" or "withdraw" answers."""
    try:
        kind, pk = services.confirmation_token_read(token)
    except signing.SignatureExpired:
        return render(
            request, "volunteering/still_current.html", {"problem": _("This link has expired.")}, status=400
        )
    except signing.BadSignature:
        return render(
            request, "volunteering/still_current.html", {"problem": _("This link is not valid.")}, status=400
        )
    model = Need if kind == "need" else VolunteerOffer
    if not model.objects.filter(pk=pk).exists():
        return render(
            request,
            "volunteering/still_current.html",
            {"problem": _("This entry no longer exists.")},
            status=400,
        )
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("current", "withdraw"):
            return render(
                request, "volunteering/still_current.html", {"token": token, "kind": kind}, status=400
            )
        actor = request.user if isinstance(request.user, User) else None
        services.confirmation_answer(kind=kind, pk=pk, still_current=answer == "current", actor=actor)
        return render(request, "volunteering/still_current.html", {"answered": answer, "kind": kind})
    return render(request, "volunteering/still_current.html", {"token": token, "kind": kind})
