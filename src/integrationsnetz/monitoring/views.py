"""Public pages of the figures: a dashboard per region, and each chart as SVG, PNG, CSV or XLSX."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.monitoring.charts import chart_png, chart_svg
from integrationsnetz.monitoring.importing import export_csv, export_rows, export_xlsx
from integrationsnetz.monitoring.models import Indicator
from integrationsnetz.monitoring.selectors import dashboard_series, observations_for_export, series_for

CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
def dashboard(request: HttpRequest, region_key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=region_key)
    return render(
        request, "monitoring/dashboard.html", {"region": region, "all_series": dashboard_series(region)}
    )


@require_GET
def chart(request: HttpRequest, region_key: str, slug: str, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    region = get_object_or_404(Region, key=region_key)
    indicator = get_object_or_404(Indicator.objects.select_related("owner_region"), slug=slug)
    policy.require(request.user, "view", indicator)
    if file_format in ("csv", "xlsx"):
        rows = export_rows(observations_for_export(indicator, region), shape="wide")
        content = export_csv(rows) if file_format == "csv" else export_xlsx(rows)
    else:
        series = series_for(indicator, region)
        if not series.points:
            raise Http404
        content = chart_svg(series) if file_format == "svg" else chart_png(series)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    if file_format in ("csv", "xlsx"):
        response["Content-Disposition"] = (
            f'attachment; filename="{indicator.slug}-{region.key}.{file_format}"'
        )
    return response
