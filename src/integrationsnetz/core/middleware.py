"""Requests that no page or API can store or look up are settled before any view runs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _


class RefuseNulCharactersMiddleware:
    """NUL characters in the address or the query never reach a view.

    PostgreSQL text cannot hold NUL, so a lookup with one fails inside the database (SQLite just finds
    nothing). One check here protects every view and API endpoint, including those to come: the API
    answers 422 like for any other invalid parameter, a page's query loses the characters (a search
    box never fails), and an address with one does not exist.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return HttpResponseBadRequest(_("The address contains a NUL character."))
        refused = [
            key for key, values in request.GET.lists() if "\x00" in key or any("\x00" in v for v in values)
        ]
        if refused and request.path.startswith("/api/"):
            message = _("The address contains a NUL character.")
            detail = [
                {"loc": ["query", key.replace("\x00", "")], "msg": message, "type": "value_error"}
                for key in refused
            ]
            return JsonResponse({"detail": detail}, status=422)
        if refused:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned  # type: ignore[assignment]  # immutable again, as Django's own
        return self.get_response(request)
