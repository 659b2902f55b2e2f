"""Pages of the figures: the public dashboard per region, the region comparison, each chart as SVG,
PNG, CSV or XLSX, the upload of files, and the indicators (list, create, edit, publish) for
coordinators and the office."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.core.importing import ImportFailed
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring import services
from integrationsnetz.monitoring.charts import (
    CHART_KINDS,
    chart_png,
    chart_svg,
    comparison_chart_data,
    series_chart_data,
)
from integrationsnetz.monitoring.forms import (
    CHART_KIND_NAMES,
    MAX_COMPARED_REGIONS,
    BaseCategoryFormSet,
    ComparisonForm,
    IndicatorForm,
    UploadForm,
    category_formset,
)
from integrationsnetz.monitoring.importing import (
    LONG_COLUMNS,
    comparison_export_rows,
    export_csv,
    export_rows,
    export_xlsx,
)
from integrationsnetz.monitoring.models import Indicator, ObservationUpload
from integrationsnetz.monitoring.selectors import (
    Comparison,
    comparison_for,
    dashboard_series,
    indicator_counting_inhabitants,
    indicator_figures,
    indicators_managed_by,
    indicators_published,
    observations_for_export,
    regions_with_figures,
    regions_with_published_figures,
    series_fingerprint,
    series_for,
    series_window,
)

CHART_CACHE_SECONDS = 3600  # charts are rendered once an hour at most per window, kind and language
MAX_CHART_PERIODS = 1000

CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _chart_kind(request: HttpRequest, default: str) -> str:
    kind = request.GET.get("chart", "")
    return kind if kind in CHART_KINDS else default


def _file_response(content: bytes, file_format: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    if file_format in ("csv", "xlsx"):
        response["Content-Disposition"] = f'attachment; filename="{file_name}.{file_format}"'
    return response


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Where the figures are: the regions with published figures, the comparison, the upload."""
    return render(
        request,
        "monitoring/overview.html",
        {
            "regions": regions_with_published_figures(),
            "may_upload": policy.can(request.user, "upload_observations"),
            "may_manage_indicators": policy.can(request.user, "manage_indicators"),
        },
    )


@require_GET
def dashboard(request: HttpRequest, region_key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "region": region,
            "all_series": dashboard_series(region),
            "chart_kind": _chart_kind(request, "area"),
            "chart_kinds": CHART_KIND_NAMES,
        },
    )


@require_GET
def chart(request: HttpRequest, region_key: str, slug: str, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    region = get_object_or_404(Region, key=region_key)
    indicator = get_object_or_404(Indicator.objects.select_related("owner_region"), slug=slug)
    policy.require(request.user, "view", indicator)
    if file_format in ("csv", "xlsx"):
        shape = "long" if request.GET.get("shape") == "long" else "wide"
        rows = export_rows(observations_for_export(indicator, region), shape=shape)
        content = export_csv(rows) if file_format == "csv" else export_xlsx(rows)
        return _file_response(content, file_format, f"{indicator.slug}-{region.key}")
    try:
        periods, until = _chart_window(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    kind = _chart_kind(request, "area")
    key = (
        f"monitoring:chart:{indicator.pk}:{region.pk}:{kind}:{file_format}:{periods}:{until}:"
        f"{translation.get_language()}:{series_fingerprint(indicator, region)}"
    )
    content = cache.get(key)
    if content is None:
        series = series_window(series_for(indicator, region), periods=periods, until=until)
        if not series.points:
            raise Http404
        data = series_chart_data(series)
        content = chart_svg(data, kind=kind) if file_format == "svg" else chart_png(data, kind=kind)
        cache.set(key, content, CHART_CACHE_SECONDS)
    response = _file_response(content, file_format, f"{indicator.slug}-{region.key}")
    if indicator.published:  # newsletters link the PNG: their readers' mail clients may keep it
        patch_cache_control(response, public=True, max_age=CHART_CACHE_SECONDS)
    return response


def _chart_window(request: HttpRequest) -> tuple[int | None, date | None]:
    """The optional window of a chart: ``perioden`` (the last so many) and ``bis`` (up to that period)."""
    periods = until = None
    if request.GET.get("perioden"):
        try:
            periods = int(request.GET["perioden"])
        except ValueError:
            periods = 0
        if not 1 <= periods <= MAX_CHART_PERIODS:
            raise ValueError(
                _("“perioden” must be a whole number from 1 to %(max)d.") % {"max": MAX_CHART_PERIODS}
            )
    if request.GET.get("bis"):
        try:
            until = date.fromisoformat(request.GET["bis"])
        except ValueError:
            raise ValueError(_("“bis” must be a date like 2022-06-01.")) from None
    return periods, until


def _comparison(request: HttpRequest) -> tuple[ComparisonForm, Comparison | None, dict[str, Any]]:
    """The comparison the query string asks for: only published indicators, at most ten regions."""
    indicators = list(indicators_published())
    wanted = request.GET.get("indicator", "")
    indicator = next((i for i in indicators if i.slug == wanted), indicators[0] if indicators else None)
    if wanted and (indicator is None or indicator.slug != wanted):
        raise Http404
    regions = regions_with_figures(indicator) if indicator else Region.objects.none()
    form = ComparisonForm(request.GET, regions=regions)
    options = {"measure": "total", "chart": "line"}
    if indicator is None or not form.is_valid():
        return form, None, options
    chosen = form.cleaned_data["region"] or list(regions[:MAX_COMPARED_REGIONS])
    options["measure"] = form.cleaned_data["measure"] or "total"
    options["chart"] = form.cleaned_data["chart"] or "line"
    return form, comparison_for(indicator, chosen), options


@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    form, result, options = _comparison(request)
    per_thousand = options["measure"] == "per_thousand"
    table: list[tuple[Any, list[Any]]] = []
    if result is not None:
        columns = [row.per_thousand if per_thousand else row.totals for row in result.rows]
        # The table reads down the periods, one column per region (the chart's lines).
        table = [
            (period, [values[index] for values in columns]) for index, period in enumerate(result.periods)
        ]
    return render(
        request,
        "monitoring/comparison.html",
        {
            "form": form,
            "comparison": result,
            "per_thousand": per_thousand,
            "regions": [row.region for row in result.rows] if result else [],
            "table": table,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def comparison_file(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    _form, result, options = _comparison(request)
    if result is None or not result.periods:
        raise Http404
    per_thousand = options["measure"] == "per_thousand"
    if file_format in ("csv", "xlsx"):
        rows = comparison_export_rows(result, per_thousand=per_thousand)
        content = export_csv(rows) if file_format == "csv" else export_xlsx(rows)
    else:
        data = comparison_chart_data(result, per_thousand=per_thousand)
        kind = options["chart"]
        content = chart_svg(data, kind=kind) if file_format == "svg" else chart_png(data, kind=kind)
    return _file_response(content, file_format, f"{result.indicator.slug}-comparison")


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "upload_observations")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        checked = services.observation_upload_create(
            owner=request.user,  # type: ignore[arg-type]
            file_name=file.name,
            content=file.read(),
            shape=form.cleaned_data["shape"],
            indicator=form.cleaned_data["indicator"],
            region=form.cleaned_data["region"],
            source=form.cleaned_data["source"],
        )
        return redirect("monitoring:upload_detail", pk=checked.pk)
    return render(request, "monitoring/upload.html", {"form": form, "long_columns": LONG_COLUMNS})


@login_required
@require_http_methods(["GET", "POST"])
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "upload_observations")
    checked = get_object_or_404(
        ObservationUpload.objects.select_related("indicator", "region"), pk=pk, owner=request.user
    )
    if request.method == "POST":
        try:
            checked = services.observation_upload_apply(upload=checked, actor=request.user)  # type: ignore[arg-type]
        except services.UploadNotApplicable:
            messages.error(request, _("This upload was applied already."))
        except ImportFailed:
            messages.error(
                request, _("Nothing was saved: the figures changed since the check. See the problems below.")
            )
        else:
            messages.success(
                request,
                _("Saved: %(created)s new and %(updated)s changed values.")
                % {
                    "created": checked.summary.get("created", 0),
                    "updated": checked.summary.get("updated", 0),
                },
            )
        return redirect("monitoring:upload_detail", pk=checked.pk)
    return render(request, "monitoring/upload_detail.html", {"upload": checked})


# --- Indicators: list, create, edit, publish (the office and the coordinators of the owner region) -----


def _require_indicator_pages(request: HttpRequest) -> None:
    """The indicator pages are known to exist, so someone without any figures to maintain gets 403."""
    if not policy.can(request.user, "manage_indicators"):
        raise PermissionDenied


def _maintained_indicator(request: HttpRequest, slug: str) -> Indicator:
    """The indicator if the user maintains it: 404 when they may not even see it, 403 when only see."""
    _require_indicator_pages(request)
    indicator = get_object_or_404(Indicator.objects.select_related("owner_region"), slug=slug)
    policy.require(request.user, "view", indicator)
    if not policy.can(request.user, "edit", indicator):
        raise PermissionDenied
    return indicator


def _show_refusal(error: ValidationError, form: IndicatorForm, categories: BaseCategoryFormSet) -> None:
    """Put the service's reasons where they belong: at the field, at the category's row, or on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.error_dict.items():
        for problem in problems:
            if field == "categories":
                row = categories.form_of((problem.params or {}).get("category", 0))
                (row or form).add_error(None, problem)
            elif field in form.fields:
                form.add_error(field, problem)
            else:
                form.add_error(None, problem)


def _indicator_form_context(
    form: IndicatorForm, categories: BaseCategoryFormSet, *, indicator: Indicator | None, user: Any = None
) -> dict[str, Any]:
    # A row marked for removal is left out of the formset's own error count; a refusal may sit there.
    has_errors = bool(form.errors) or any(row.errors for row in categories.forms)
    return {
        "form": form,
        "categories": categories,
        "indicator": indicator,
        "has_errors": has_errors,
        "may_set_population": indicator is not None and policy.can(user, "set_population", indicator),
        "population_indicator": indicator_counting_inhabitants(),
    }


@login_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    _require_indicator_pages(request)
    return render(
        request, "monitoring/indicator_list.html", {"indicators": indicators_managed_by(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    _require_indicator_pages(request)
    form = IndicatorForm(request.POST or None, user=request.user)
    categories = category_formset(request.POST or None, categories=[])
    if request.method == "POST" and form.is_valid() and categories.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user,  # type: ignore[arg-type]
                categories=categories.categories(),
                **form.service_values(),
            )
        except ValidationError as error:
            _show_refusal(error, form, categories)
        else:
            messages.success(
                request,
                _("The indicator “%(name)s” was created. It is not published yet.")
                % {"name": indicator.name},
            )
            return redirect("monitoring:indicator_edit", slug=indicator.slug)
    return render(
        request,
        "monitoring/indicator_form.html",
        _indicator_form_context(form, categories, indicator=None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = _maintained_indicator(request, slug)
    # Validating the form writes the typed values into its instance; the page keeps showing the stored ones.
    form = IndicatorForm(request.POST or None, instance=copy.copy(indicator), user=request.user)
    categories = category_formset(
        request.POST or None, categories=list(indicator.categories.order_by("position", "slug"))
    )
    if request.method == "POST" and form.is_valid() and categories.is_valid():
        try:
            saved = services.indicator_update(
                indicator=indicator,
                actor=request.user,  # type: ignore[arg-type]
                categories=categories.categories(),
                **form.service_values(),
            )
        except ValidationError as error:
            _show_refusal(error, form, categories)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("monitoring:indicator_edit", slug=saved.slug)
    return render(
        request,
        "monitoring/indicator_form.html",
        _indicator_form_context(form, categories, indicator=indicator, user=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask first, saying what becomes public (or what leaves the public pages); then publish or withdraw."""
    indicator = _maintained_indicator(request, slug)
    if request.method == "POST":
        # The wanted state travels with the form, so a repeated or stale post cannot flip it back.
        wanted = request.POST.get("published")
        if wanted not in ("0", "1"):
            return HttpResponseBadRequest(
                _("Say whether to publish or to withdraw."), content_type="text/plain; charset=utf-8"
            )
        changed = indicator.published != (wanted == "1")
        indicator = services.indicator_publish(
            indicator=indicator,
            actor=request.user,  # type: ignore[arg-type]
            published=wanted == "1",
        )
        if not changed:
            messages.info(request, _("Nothing changed: the indicator was in that state already."))
        elif indicator.published:
            messages.success(request, _("“%(name)s” is published.") % {"name": indicator.name})
        else:
            messages.success(request, _("“%(name)s” is no longer published.") % {"name": indicator.name})
        return redirect("monitoring:indicator_list")
    figures = indicator_figures(indicator)
    return render(
        request,
        "monitoring/indicator_publish.html",
        {
            "indicator": indicator,
            "figures": figures,
            "regions": list(regions_with_figures(indicator)) if figures.region_count else [],
            "categories": list(indicator.categories.order_by("position", "slug")),
        },
    )


@login_required
@require_POST
def indicator_population(request: HttpRequest, slug: str) -> HttpResponse:
    """The office makes this indicator the one that counts the inhabitants (the edit page explains it)."""
    indicator = _maintained_indicator(request, slug)
    policy.require(request.user, "set_population", indicator)
    services.indicator_population_set(indicator=indicator, actor=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("Figures per 1,000 inhabitants are now computed with the totals of “%(name)s”.")
        % {"name": indicator.name},
    )
    return redirect("monitoring:indicator_edit", slug=indicator.slug)
