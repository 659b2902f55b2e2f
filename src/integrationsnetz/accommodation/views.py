"""Pages of the accommodation app. Thin: parse, ask the policy (404 for outsiders), call a service or
selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from integrationsnetz.accommodation import selectors, services
from integrationsnetz.accommodation.forms import (
    AreaAddForm,
    CatalogueVersionCopyForm,
    CatalogueVersionEditForm,
    CriterionAddForm,
    FollowUpActionForm,
    FollowUpActionStatusForm,
    InspectionCreateForm,
    InspectionForm,
    PhotoForm,
    SiteForm,
)
from integrationsnetz.accommodation.models import (
    Catalogue,
    CatalogueVersion,
    FollowUpAction,
    Inspection,
    Photo,
    Site,
)
from integrationsnetz.accommodation.report import inspection_report_pdf
from integrationsnetz.accommodation.templatetags.accommodation_tags import light_badge, light_labels
from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region


def _site(pk: int) -> Site:
    return get_object_or_404(selectors.sites_public(), pk=pk)


def _district_choices(user: Any) -> QuerySet[Region]:
    scopes = scopes_of(user)
    regions = selectors.districts()
    if scopes.is_office:
        return regions
    condition = Q(pk__in=[])
    for path in scopes.coordinated_paths:
        condition |= Q(path__startswith=path)
    return regions.filter(condition)


def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accommodation/overview.html",
        {
            "summaries": selectors.public_summary(),
            "may_compare": policy.can(user, "view_details", Site),
            "may_create": policy.can(user, "create", Site),
        },
    )


def site_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accommodation/site_list.html", {"sites": list(selectors.sites_public())})


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site(pk)
    user = request.user
    context: dict[str, Any] = {"site": site, "details": policy.can(user, "view_details", site)}
    if context["details"]:
        history = selectors.site_history(site)
        actions = selectors.site_actions(site)
        context.update(
            inspections=selectors.site_inspections(site),
            history=[(inspection, selectors.results_by_name(inspection)) for inspection in history],
            columns=selectors.comparison_columns(history),
            actions=actions,
            editable_actions={action.pk for action in actions if policy.can(user, "edit", action)},
            may_inspect=policy.can(user, "inspect", site),
            may_edit=policy.can(user, "edit", site),
        )
    return render(request, "accommodation/site_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user: Any = request.user
    site = _site(pk) if pk is not None else None
    policy.require(user, "edit" if site else "create", site or Site)
    form = SiteForm(request.POST or None, instance=site, districts=_district_choices(user))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if site is None:
                site = services.site_create(actor=user, **values)
            else:
                site = services.site_update(site=site, actor=user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The site was saved."))
            return redirect("accommodation:site_detail", pk=site.pk)
    return render(request, "accommodation/site_form.html", {"form": form, "site": site})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    site = _site(pk)
    policy.require(user, "inspect", site)
    catalogue = Catalogue.objects.order_by("pk").first()
    form = InspectionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = (
            services.catalogue_version_current(catalogue=catalogue, on=form.cleaned_data["date"])
            if catalogue
            else None
        )
        if version is None:
            form.add_error("date", _("No catalogue version is valid on this date."))
        else:
            inspection = services.inspection_create(
                site=site,
                version=version,
                actor=user,
                date=form.cleaned_data["date"],
                inspectors=form.cleaned_data["inspectors"],
            )
            return redirect("accommodation:inspection", pk=inspection.pk)
    return render(request, "accommodation/inspection_create.html", {"form": form, "site": site})


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    inspection = selectors.inspection_for_page(pk)
    if inspection is None:
        raise Http404
    policy.require(request.user, "view", inspection)
    return inspection


@login_required
@require_http_methods(["GET", "POST"])
def inspection_page(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    inspection = _inspection(request, pk)
    blocks = selectors.inspection_areas(inspection)
    may_edit = policy.can(user, "edit", inspection)
    if request.method == "POST":
        policy.require(user, "edit", inspection)
    if not may_edit:
        return render(
            request,
            "accommodation/inspection_result.html",
            {
                "inspection": inspection,
                "blocks": blocks,
                "results": selectors.results_by_name(inspection),
                "editable_actions": {
                    action.pk for action in inspection.actions.all() if policy.can(user, "edit", action)
                },
            },
        )
    completing = request.POST.get("action") == "complete"
    form = InspectionForm(
        request.POST or None,
        inspection=inspection,
        blocks=blocks,
        actions=services.actions_to_check(inspection),
        completing=completing,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if completing:
                services.inspection_complete(inspection=inspection, actor=user, data=form.inspection_input())
                messages.success(request, _("The inspection was completed and rated."))
            else:
                services.inspection_save_draft(
                    inspection=inspection, actor=user, data=form.inspection_input()
                )
                messages.success(request, _("The draft was saved."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("accommodation:inspection", pk=inspection.pk)
    rating = services.inspection_rating(inspection)
    return render(
        request,
        "accommodation/inspection_form.html",
        {
            "inspection": inspection,
            "form": form,
            "lights": {area.area_id: area for area in rating.areas},
            "rating": rating,
            "photo_form": PhotoForm(inspection=inspection),
            # Whoever may fill in the inspection may also update its actions (policies.may_edit_action).
            "editable_actions": {action.pk for action in inspection.actions.all()},
            "action_form": FollowUpActionForm(),
        },
    )


@login_required
@require_POST
def photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    inspection = _inspection(request, pk)
    policy.require(user, "edit", inspection)
    form = PhotoForm(request.POST, request.FILES, inspection=inspection)
    if form.is_valid():
        try:
            services.photo_add(
                inspection=inspection,
                actor=user,
                content=form.cleaned_data["image"].read(),
                caption=form.cleaned_data["caption"],
                criterion=form.cleaned_data["criterion"],
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("accommodation:inspection", pk=inspection.pk)
    return render(
        request, "accommodation/photo_form.html", {"inspection": inspection, "form": form}, status=400
    )


@login_required
def photo_file(request: HttpRequest, pk: int) -> FileResponse:
    photo = get_object_or_404(Photo.objects.select_related("inspection__site__district"), pk=pk)
    policy.require(request.user, "view", photo)
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    inspection = _inspection(request, pk)
    policy.require(user, "inspect", inspection.site)
    form = FollowUpActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.follow_up_action_create(
            inspection=inspection,
            actor=user,
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner_email"],
            due_date=form.cleaned_data["due_date"],
        )
        messages.success(request, _("The follow-up action was added."))
        return redirect("accommodation:inspection", pk=inspection.pk)
    return render(request, "accommodation/action_form.html", {"inspection": inspection, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    action = get_object_or_404(
        FollowUpAction.objects.select_related("inspection__site__district", "owner"), pk=pk
    )
    policy.require(user, "edit", action)
    form = FollowUpActionStatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.follow_up_action_update(action=action, actor=user, status=form.cleaned_data["status"])
        messages.success(request, _("The status was saved."))
        return redirect("accommodation:site_detail", pk=action.inspection.site_id)
    return render(request, "accommodation/action_status.html", {"action": action, "form": form})


@login_required
def inspection_report(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    response = HttpResponse(inspection_report_pdf(inspection), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="heim-tuev-{inspection.pk}.pdf"'
    return response


@login_required
def comparison(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not policy.can(user, "view_details", Site):
        raise Http404
    region_key = request.GET.get("region", "")
    region = selectors.districts().filter(key=region_key).first() if region_key else None
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    rows, total = selectors.site_comparison(user=user, region=region, page=page)
    pages = max(1, -(-total // selectors.COMPARISON_PAGE_SIZE))
    columns = selectors.comparison_columns(rows)
    # The badges are made here, not in the template: a page of the table has a thousand cells.
    labels = light_labels()
    table = []
    for row in rows:
        results = selectors.results_by_name(row.latest)
        cells = [
            light_badge(result["light"], result["percent"], result["critical"], labels) if result else "–"
            for result in (results.get(column) for column in columns)
        ]
        table.append((row, cells))
    return render(
        request,
        "accommodation/comparison.html",
        {
            "rows": table,
            "columns": columns,
            "region": region,
            "regions": list(selectors.districts().order_by("path")),
            "page": page,
            "pages": pages,
            "total": total,
        },
    )


def catalogue(request: HttpRequest) -> HttpResponse:
    version = selectors.catalogue_in_force()
    return render(
        request,
        "accommodation/catalogue.html",
        {"version": version, "may_keep": policy.can(request.user, "edit", Catalogue)},
    )


def _catalogue_manage_page(
    request: HttpRequest, bound: tuple[int, CatalogueVersionCopyForm] | None = None
) -> HttpResponse:
    catalogues = selectors.catalogues_with_versions()
    copy_forms = {
        catalogue.pk: CatalogueVersionCopyForm(prefix=f"copy-{catalogue.pk}") for catalogue in catalogues
    }
    if bound is not None:
        copy_forms[bound[0]] = bound[1]
    return render(
        request,
        "accommodation/catalogue_manage.html",
        {"catalogues": [(catalogue, copy_forms[catalogue.pk]) for catalogue in catalogues]},
    )


@login_required
def catalogue_manage(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "edit", Catalogue)
    return _catalogue_manage_page(request)


@login_required
@require_POST
def catalogue_version_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    policy.require(user, "create", CatalogueVersion)
    catalogue = get_object_or_404(Catalogue, pk=pk)
    form = CatalogueVersionCopyForm(request.POST, prefix=f"copy-{catalogue.pk}")
    if form.is_valid():
        try:
            version = services.catalogue_version_copy(
                catalogue=catalogue, actor=user, valid_from=form.cleaned_data["valid_from"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s was created as a copy.") % {"number": version.number}
            )
            return redirect("accommodation:catalogue_version_edit", pk=version.pk)
    return _catalogue_manage_page(request, bound=(catalogue.pk, form))


def _draft_version_page(
    request: HttpRequest,
    version: CatalogueVersion,
    *,
    form: CatalogueVersionEditForm | None = None,
    area_form: AreaAddForm | None = None,
    criterion_form: CriterionAddForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "accommodation/catalogue_version.html",
        {
            "version": version,
            "used": False,
            "form": form or CatalogueVersionEditForm(None, version=version),
            "area_form": area_form or AreaAddForm(prefix="new-area"),
            "criterion_form": criterion_form or CriterionAddForm(prefix="new-criterion", version=version),
        },
    )


def _version_for_keeping(request: HttpRequest, pk: int) -> tuple[CatalogueVersion, bool]:
    version = selectors.catalogue_version_for_editing(pk)
    if version is None:
        raise Http404
    policy.require(request.user, "edit", version)
    return version, getattr(version, "inspection_count", 0) > 0


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    version, used = _version_for_keeping(request, pk)
    if used:
        # Read-only: past results must not change. A POST writes nothing and gets the same page.
        return render(request, "accommodation/catalogue_version.html", {"version": version, "used": True})
    form = CatalogueVersionEditForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalogue_version_update(version=version, actor=user, **form.changes())
        except ValidationError as error:
            form.version.add_error(None, error)
        else:
            messages.success(request, _("The catalogue version was saved."))
            return redirect("accommodation:catalogue_version_edit", pk=version.pk)
    return _draft_version_page(request, version, form=form)


@login_required
@require_POST
def catalogue_area_add(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    version, used = _version_for_keeping(request, pk)
    if used:
        return render(request, "accommodation/catalogue_version.html", {"version": version, "used": True})
    form = AreaAddForm(request.POST, prefix="new-area")
    if form.is_valid():
        try:
            services.area_add(
                version=version,
                actor=user,
                name_de=form.cleaned_data["name_de"],
                name_en=form.cleaned_data["name_en"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The area was added."))
            return redirect("accommodation:catalogue_version_edit", pk=version.pk)
    return _draft_version_page(request, version, area_form=form)


@login_required
@require_POST
def catalogue_criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    version, used = _version_for_keeping(request, pk)
    if used:
        return render(request, "accommodation/catalogue_version.html", {"version": version, "used": True})
    form = CriterionAddForm(request.POST, prefix="new-criterion", version=version)
    if form.is_valid():
        try:
            services.criterion_add(area=form.cleaned_data["area"], actor=user, item=form.criterion_input())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("accommodation:catalogue_version_edit", pk=version.pk)
    return _draft_version_page(request, version, criterion_form=form)
