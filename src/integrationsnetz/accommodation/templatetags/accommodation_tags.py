"""Template helpers of the accommodation pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from integrationsnetz.accommodation.models import Light

register = template.Library()


@register.filter
def get_item(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    """``mapping[key]`` or None: tables look results up by area name or id."""
    if not mapping:
        return None
    return mapping.get(key)


def light_labels() -> dict[str, str]:
    """The lights' words in the active language, looked up once per badge batch, not per cell."""
    labels = {value: str(label) for value, label in Light.choices}
    labels["critical"] = gettext("critical finding")
    return labels


@register.simple_tag
def light_badge(
    light: str | None, percent: Any = None, critical: bool = False, labels: dict[str, str] | None = None
) -> str:
    """The traffic light as a badge that also says its colour in words (colour alone is not enough).

    A tag rather than an included template, and ``labels`` may be passed in: comparison tables show
    thousands of these.
    """
    labels = labels or light_labels()
    kind = light if light in Light.values else Light.NONE
    text = labels[str(kind)]
    if percent is not None and percent != "":
        text += f" ({percent} %)"
    if critical:
        text += " – " + labels["critical"]
    return format_html('<span class="light light-{}">{}</span>', kind, text)
