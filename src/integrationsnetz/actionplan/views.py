"""Pages of the action plans and the library, mounted at /kursbuch/.

Thin: parse -> policy (404 for those who may not) -> service or selector -> render.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.actionplan import selectors, services
from integrationsnetz.actionplan.forms import (
    AdoptionForm,
    ApproachDocumentForm,
    ApproachForm,
    ApproachSearchForm,
    CommentForm,
    LinkForm,
    MeasureForm,
    PlanFieldForm,
    PlanForm,
    ProgressForm,
    StepForm,
)
from integrationsnetz.actionplan.models import (
    ActionPlan,
    Adoption,
    Approach,
    ApproachDocument,
    ImplementationStep,
    Measure,
    PlanField,
    StepComment,
    StepLink,
)
from integrationsnetz.actionplan.pdf import plan_pdf as render_plan_pdf
from integrationsnetz.actionplan.rollup import is_overdue, network_today
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region

M = TypeVar("M", bound=Model)


def _today() -> Any:
    return network_today(timezone.now())


def _visible_plan(request: HttpRequest, slug: str) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("network"), slug=slug)
    policy.require(request.user, "view", plan)
    return plan


def _form_page(
    request: HttpRequest, form: BaseForm, *, title: str, back: str, back_label: str
) -> HttpResponse:
    return render(
        request,
        "actionplan/form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label},
    )


def _fresh(instance: M | None) -> M | None:
    """The row as stored: a valid ModelForm has already copied its input onto its instance, and the
    service must see the old values to log what changed."""
    if instance is None:
        return None
    return type(instance)._default_manager.get(pk=instance.pk)


def _apply_form_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's validation errors onto the form's fields (or the form) so they show there."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Plans ------------------------------------------------------------------------------------


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actionplan/plan_list.html",
        {
            "summaries": selectors.plan_list(user=request.user),
            "may_create": policy.can(request.user, "create", ActionPlan),
        },
    )


@require_GET
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    overview = selectors.plan_overview(plan=plan, today=_today(), user=request.user)
    return render(
        request,
        "actionplan/plan_detail.html",
        {"plan": plan, "overview": overview, "may_edit": policy.can(request.user, "edit", plan)},
    )


@require_GET
def plan_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render(
        request,
        "actionplan/plan_timeline.html",
        {"plan": plan, "groups": selectors.plan_timeline(plan=plan, today=_today())},
    )


@require_GET
def plan_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    response = HttpResponse(render_plan_pdf(plan, today=_today()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plan.slug}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, slug=slug) if slug else None
    policy.require(request.user, "edit" if plan else "create", plan or ActionPlan)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_save(actor=request.user, plan=_fresh(plan), **form.cleaned_data)
        messages.success(request, _("The plan was saved."))
        return redirect(plan)
    return _form_page(
        request,
        form,
        title=_("Edit the plan") if plan else _("New action plan"),
        back=plan.get_absolute_url() if plan else reverse("actionplan:plan_list"),
        back_label=_("Back to the plan") if plan else _("Back to the action plans"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_field_edit(request: HttpRequest, slug: str, field_id: int | None = None) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, slug=slug)
    plan_field = get_object_or_404(PlanField, pk=field_id, plan=plan) if field_id else None
    policy.require(request.user, "edit" if plan_field else "create", plan_field or PlanField(plan=plan))
    form = PlanFieldForm(request.POST or None, instance=plan_field)
    if request.method == "POST" and form.is_valid():
        services.plan_field_save(
            actor=request.user, plan=plan, plan_field=_fresh(plan_field), **form.cleaned_data
        )
        messages.success(request, _("The field of action was saved."))
        return redirect(plan)
    return _form_page(
        request,
        form,
        title=_("Edit the field of action") if plan_field else _("New field of action"),
        back=plan.get_absolute_url(),
        back_label=_("Back to the plan"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(
    request: HttpRequest, field_id: int | None = None, measure_id: int | None = None
) -> HttpResponse:
    if measure_id:
        measure: Measure | None = get_object_or_404(
            Measure.objects.select_related("plan_field__plan"), pk=measure_id
        )
        plan_field = measure.plan_field  # type: ignore[union-attr]
    else:
        measure = None
        plan_field = get_object_or_404(PlanField.objects.select_related("plan"), pk=field_id)
    policy.require(request.user, "edit" if measure else "create", measure or Measure(plan_field=plan_field))
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        services.measure_save(
            actor=request.user, plan_field=plan_field, measure=_fresh(measure), **form.cleaned_data
        )
        messages.success(request, _("The measure was saved."))
        return redirect(plan_field.plan)
    return _form_page(
        request,
        form,
        title=_("Edit the measure") if measure else _("New measure"),
        back=plan_field.plan.get_absolute_url(),
        back_label=_("Back to the plan"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_edit(
    request: HttpRequest, measure_id: int | None = None, step_id: int | None = None
) -> HttpResponse:
    if step_id:
        step: ImplementationStep | None = get_object_or_404(
            ImplementationStep.objects.select_related("measure__plan_field__plan"), pk=step_id
        )
        measure = step.measure  # type: ignore[union-attr]
    else:
        step = None
        measure = get_object_or_404(Measure.objects.select_related("plan_field__plan"), pk=measure_id)
    policy.require(request.user, "edit" if step else "create", step or ImplementationStep(measure=measure))
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        step = services.step_save(actor=request.user, measure=measure, step=_fresh(step), **form.cleaned_data)
        messages.success(request, _("The step was saved."))
        return redirect(step)
    return _form_page(
        request,
        form,
        title=_("Edit the step") if step else _("New implementation step"),
        back=step.get_absolute_url() if step else measure.plan_field.plan.get_absolute_url(),
        back_label=_("Back to the step") if step else _("Back to the plan"),
    )


# --- Steps -----------------------------------------------------------------------------------------


def _visible_step(request: HttpRequest, step_id: int) -> ImplementationStep:
    step = selectors.step_detail(step_id=step_id)
    if step is None:
        raise Http404
    policy.require(request.user, "view", step)
    return step


def _step_page(request: HttpRequest, step: ImplementationStep, **forms: BaseForm | None) -> HttpResponse:
    user = request.user
    may_update = policy.can(user, "update", step)
    context = {
        "step": step,
        "plan": step.measure.plan_field.plan,
        "links": selectors.step_links(step),
        "overdue": is_overdue(status=step.status, due_date=step.due_date, today=_today()),
        "may_edit": policy.can(user, "edit", step),
        "may_update": may_update,
        "may_comment": policy.can(user, "comment", step),
        "progress_form": forms.get("progress_form")
        or (ProgressForm(initial={"status": step.status}) if may_update else None),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "link_form": forms.get("link_form") or (LinkForm() if may_update else None),
        "deletable_comments": {c.pk for c in step.comments.all() if policy.can(user, "delete", c)},
    }
    return render(request, "actionplan/step_detail.html", context, status=400 if forms else 200)


@require_GET
def step_detail(request: HttpRequest, step_id: int) -> HttpResponse:
    return _step_page(request, _visible_step(request, step_id))


@login_required
@require_POST
def step_progress(request: HttpRequest, step_id: int) -> HttpResponse:
    step = _visible_step(request, step_id)
    policy.require(request.user, "update", step)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return _step_page(request, step, progress_form=form)
    services.step_update_progress(
        actor=request.user, step=step, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
    )
    messages.success(request, _("The progress was saved."))
    return redirect(step)


@login_required
@require_POST
def step_comment(request: HttpRequest, step_id: int) -> HttpResponse:
    step = _visible_step(request, step_id)
    policy.require(request.user, "comment", step)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _step_page(request, step, comment_form=form)
    services.step_comment_add(actor=request.user, step=step, text=form.cleaned_data["text"])
    messages.success(request, _("Your comment was saved."))
    return redirect(step)


@login_required
@require_POST
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(
        StepComment.objects.select_related("step__measure__plan_field__plan"), pk=comment_id
    )
    policy.require(request.user, "view", comment)
    policy.require(request.user, "delete", comment)
    step = comment.step
    services.step_comment_delete(actor=request.user, comment=comment)
    messages.success(request, _("The comment was deleted."))
    return redirect(step)


@login_required
@require_POST
def step_link_add(request: HttpRequest, step_id: int) -> HttpResponse:
    step = _visible_step(request, step_id)
    policy.require(request.user, "update", step)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _step_page(request, step, link_form=form)
    services.step_link_add(actor=request.user, step=step, target=form.target)
    messages.success(request, _("The link was saved."))
    return redirect(step)


@login_required
@require_POST
def step_link_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(StepLink.objects.select_related("step__measure__plan_field__plan"), pk=link_id)
    policy.require(request.user, "delete", link)
    step = link.step
    services.step_link_remove(actor=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect(step)


# --- Library --------------------------------------------------------------------------------------


def _region_choices() -> list[tuple[str, str]]:
    kinds = (Region.Kind.STATE, Region.Kind.DISTRICT, Region.Kind.CITY)
    return [(region.key, region.name) for region in Region.objects.filter(kind__in=kinds).order_by("path")]


@require_GET
def approach_list(request: HttpRequest) -> HttpResponse:
    form = ApproachSearchForm(
        request.GET or None,
        region_choices=_region_choices(),
    )
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    result = selectors.approach_search(
        user=request.user,
        query=data.get("q", ""),
        fields=data.get("field") or [],
        groups=data.get("group") or [],
        region=data.get("region", ""),
        page=data.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actionplan/approach_list.html",
        {
            "form": form,
            "result": result,
            "query_string": query.urlencode(),
            "may_create": policy.can(request.user, "create", Approach),
        },
    )


@require_GET
def approach_detail(request: HttpRequest, slug: str) -> HttpResponse:
    approach = selectors.approach_detail(slug=slug)
    if approach is None:
        raise Http404
    policy.require(request.user, "view", approach)
    return render(
        request,
        "actionplan/approach_detail.html",
        {
            "approach": approach,
            "may_edit": policy.can(request.user, "edit", approach),
            "may_adopt": policy.can(request.user, "create", Adoption),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def approach_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    approach = get_object_or_404(Approach.objects.select_related("region"), slug=slug) if slug else None
    if approach is not None:
        policy.require(request.user, "view", approach)
    policy.require(request.user, "edit" if approach else "create", approach or Approach)
    form = ApproachForm(request.POST or None, instance=approach, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            approach = services.approach_save(actor=request.user, approach=_fresh(approach), **values)
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            messages.success(request, _("The approach was saved."))
            return redirect(approach)
    return _form_page(
        request,
        form,
        title=_("Edit the approach") if approach else _("New approach"),
        back=approach.get_absolute_url() if approach else reverse("actionplan:approach_list"),
        back_label=_("Back to the approach") if approach else _("Back to the library"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def approach_document_add(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_object_or_404(Approach.objects.select_related("region"), slug=slug)
    policy.require(request.user, "view", approach)
    policy.require(request.user, "create", ApproachDocument(approach=approach))
    form = ApproachDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.approach_document_add(actor=request.user, approach=approach, **form.cleaned_data)
        messages.success(request, _("The document was added."))
        return redirect(approach)
    return render(
        request,
        "actionplan/form.html",
        {
            "form": form,
            "title": _("Add a document"),
            "back": approach.get_absolute_url(),
            "back_label": _("Back to the approach"),
            "multipart": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def adoption_create(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_object_or_404(Approach.objects.select_related("region"), slug=slug)
    policy.require(request.user, "view", approach)
    policy.require(request.user, "create", Adoption)
    form = AdoptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        # The form offers only the user's regions; the policy is asked again for the chosen one.
        policy.require(request.user, "create", Adoption(approach=approach, region=region))
        services.adoption_record(actor=request.user, approach=approach, **form.cleaned_data)
        messages.success(request, _("The adoption was recorded."))
        return redirect(approach)
    return _form_page(
        request,
        form,
        title=_("We took this approach over"),
        back=approach.get_absolute_url(),
        back_label=_("Back to the approach"),
    )
