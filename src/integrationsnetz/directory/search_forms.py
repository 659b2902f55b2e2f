"""The directory search form: reads the GET parameters of search, map and export into filters.

Bad input never fails the page: an over-long query is shortened, a malformed page number means the
first page, malformed filter values are dropped. The view reports what it changed.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from integrationsnetz.directory.models import Organisation
from integrationsnetz.directory.search import MAX_QUERY_LENGTH, clean_query
from integrationsnetz.directory.selectors import SearchFilters

MAX_VALUES_PER_FACET = 20
_VALUE = re.compile(r"^[-\w]{1,64}$")
# The parameter names of the search page (short, as they appear in shared links).
FACET_PARAMETERS = {
    "kind": "kinds",
    "field": "fields_of_action",
    "group": "target_groups",
    "language": "languages",
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        strip=True,
        help_text=_("Names, services, places or topics, e.g. “psychosoziale Beratung Leipzig”."),
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"}
        ),
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.notes: list[str] = []

    def clean_q(self) -> str:
        raw = self.cleaned_data.get("q") or ""
        if len(raw) > MAX_QUERY_LENGTH:
            self.notes.append(
                _("Your search was shortened to its first %(limit)s characters.")
                % {"limit": MAX_QUERY_LENGTH}
            )
        return clean_query(raw)

    def _values(self, name: str) -> tuple[str, ...]:
        values: list[str] = []
        for value in self.data.getlist(name) if hasattr(self.data, "getlist") else []:
            value = value.strip()
            if _VALUE.match(value) and value not in values:
                values.append(value)
        return tuple(values[:MAX_VALUES_PER_FACET])

    def filters(self, *, drop: tuple[str, ...] = ()) -> SearchFilters:
        """The filters the parameters ask for, without the values in ``drop`` (unknown ones)."""
        query = self.cleaned_data.get("q", "") if self.is_valid() else ""
        region = (self.data.get("region") or "").strip()
        if not _VALUE.match(region) or region in drop:
            region = ""
        values = {
            attribute: tuple(value for value in self._values(parameter) if value not in drop)
            for parameter, attribute in FACET_PARAMETERS.items()
        }
        kinds = {choice for choice, _label in Organisation.Kind.choices}
        values["kinds"] = tuple(kind for kind in values["kinds"] if kind in kinds)
        return SearchFilters(query=query, region=region, **values)

    def page(self) -> int:
        try:
            return max(1, int(self.data.get("page", "1")))
        except (TypeError, ValueError):
            return 1
