"""The one place that decides "may this user do this to this object".

Apps register a rule per (action, model) in their ``policies.py``; views, the API and the admin
ask :func:`can` (the admin through :class:`PolicyBackend`, which maps Django permissions such as
``directory.change_organisation`` onto the same rules). Without a rule the answer is no.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import Http404

Rule = Callable[[Any, Any], bool]

_rules: dict[tuple[str, type[models.Model] | None], Rule] = {}

# Django admin permission verbs mapped onto policy actions.
_ADMIN_ACTIONS = {"view": "view", "change": "edit", "add": "create", "delete": "delete"}


def rule(action: str, model: type[models.Model] | None = None) -> Callable[[Rule], Rule]:
    """Register ``func(user, obj) -> bool`` as the rule for ``action`` on ``model``.

    ``model=None`` registers a rule that needs no object (e.g. "manage_vocabularies").
    """

    def register(func: Rule) -> Rule:
        key = (action, model)
        if key in _rules and _rules[key] is not func:
            raise RuntimeError(f"A rule for {action!r} on {model!r} is already registered")
        _rules[key] = func
        return func

    return register


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True when ``user`` may do ``action`` to ``obj`` (a model instance, a model class or None)."""
    if user is None:
        user = AnonymousUser()
    if not getattr(user, "is_active", False) and getattr(user, "is_authenticated", False):
        return False
    if isinstance(obj, type) and issubclass(obj, models.Model):
        model: type[models.Model] | None = obj
    elif obj is None:
        model = None
    else:
        model = type(obj)
    func = _rules.get((action, model))
    if func is None:
        return False
    return bool(func(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise 404 (never 403) when ``user`` may not: outsiders must not learn that an object exists."""
    if not can(user, action, obj):
        raise Http404


class PolicyBackend:
    """Django authentication backend that answers ``has_perm`` from the policy rules (for the admin)."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        from django.apps import apps

        try:
            app_label, codename = perm.split(".", 1)
            verb, model_name = codename.split("_", 1)
            model = apps.get_model(app_label, model_name)
        except (ValueError, LookupError):
            return False
        action = _ADMIN_ACTIONS.get(verb)
        if action is None:
            return False
        return can(user_obj, action, obj if obj is not None else model)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        from django.apps import apps

        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            return False
        return any(can(user_obj, "view", model) for model in config.get_models())
