"""HTTP rules for the open API reads: validators for conditional GET, and CORS for reads only.

Every read answers with an ``ETag`` (a hash of the request's path and query and the body, so it
changes whenever anything shown changes, including related rows without a time stamp) and, when the
view names one, a ``Last-Modified`` from the newest ``updated_at`` it shows. ``If-None-Match`` and
``If-Modified-Since`` then give 304. Reads are open to every origin (``Access-Control-Allow-Origin: *``);
writes carry no CORS headers, and the preflight allows only GET, so browsers on other sites cannot
send writes with a token.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

READ_METHODS = frozenset({"GET", "HEAD"})
CORS_READ_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}

View = Callable[..., HttpResponseBase]


def set_last_modified(response: HttpResponse, moments: Iterable[datetime | None]) -> None:
    """Name the newest of ``moments`` as the response's ``Last-Modified`` (nothing when there is none)."""
    newest = max((moment for moment in moments if moment is not None), default=None)
    if newest is not None:
        response["Last-Modified"] = http_date(newest.timestamp())


def _etag(request: HttpRequest, content: bytes) -> str:
    digest = hashlib.sha256(request.get_full_path().encode("utf-8") + b"\n" + content)
    return '"' + digest.hexdigest()[:40] + '"'


def public_read(view: View) -> View:
    """Wrap a view: validators and 304 on successful reads, CORS on reads, preflight for GET."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            preflight = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                preflight[name] = value
            return preflight
        response = view(request, *args, **kwargs)
        if request.method not in READ_METHODS:
            return response
        for name, value in CORS_READ_HEADERS.items():
            response[name] = value
        if response.status_code != 200 or response.streaming or not isinstance(response, HttpResponse):
            return response
        response["ETag"] = _etag(request, response.content)
        patch_cache_control(response, public=True, no_cache=True)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        if conditional is None or conditional is response:
            return response
        for name, value in CORS_READ_HEADERS.items():
            conditional[name] = value
        return conditional

    return wrapped


def wrap_public_reads(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Apply :func:`public_read` to every view of a URL list (such as the one django-ninja builds)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrap_public_reads(pattern.url_patterns)
        else:
            pattern.callback = public_read(pattern.callback)
    return patterns
