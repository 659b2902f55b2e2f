"""Routes of the REST API (/api/v1/) and the HSDS open-data API (/api/hsds/)."""

from django.urls import URLPattern, URLResolver, include, path

from integrationsnetz.api import hsds
from integrationsnetz.api.public_reads import public_read, wrap_public_reads
from integrationsnetz.api.v1 import api as api_v1

_v1_patterns, _v1_app_name, _v1_namespace = api_v1.urls

hsds_patterns: list[URLPattern | URLResolver] = [
    path("", public_read(hsds.api_info), name="root"),
    path("services", public_read(hsds.service_list), name="services"),
    path("services/<str:service_id>", public_read(hsds.service_detail), name="service"),
    path("organizations", public_read(hsds.organization_list), name="organizations"),
    path("organizations/<str:organization_id>", public_read(hsds.organization_detail), name="organization"),
    path("taxonomies", public_read(hsds.taxonomy_list), name="taxonomies"),
    path("taxonomy_terms", public_read(hsds.taxonomy_term_list), name="taxonomy_terms"),
    path("service_at_locations", public_read(hsds.service_at_location_list), name="service_at_locations"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "api/v1/",
        include((wrap_public_reads(list(_v1_patterns)), _v1_app_name), namespace=_v1_namespace),
    ),
    path("api/hsds/", include((hsds_patterns, "hsds"), namespace="hsds")),
]
