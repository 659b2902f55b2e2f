"""Who may see and change which part of the guide.

- everyone reads the matrix, editions, finder, info pages and forms;
- the coordinating office edits everything, including state-wide entries and the list of matters;
- a regional coordinator edits the entries, info pages and forms of their region and the regions
  below it, imports its matrix and publishes its editions;
- a translator (:class:`~integrationsnetz.guide.models.Translator`) translates into their language;
- the list of matters with their use per region, and the forms library with its files, are read by the
  office and every regional coordinator;
  added languages and translators are the office's alone.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accounts.scopes import scopes_of
from integrationsnetz.core import policy
from integrationsnetz.core.models import Region
from integrationsnetz.guide.models import (
    Edition,
    Form,
    FormFile,
    GuideLanguage,
    InfoPage,
    Matter,
    Responsibility,
    Translation,
    Translator,
)


def may_edit_region(user: Any, region: Any) -> bool:
    """``region`` is a core Region: may the user edit its matrix, pages and forms, and publish it?"""
    scopes = scopes_of(user)
    if scopes.is_office:
        return True
    if not isinstance(region, Region):
        return bool(scopes.coordinated_paths)
    return scopes.coordinates(region.path)


def _via_region(user: Any, obj: Any) -> bool:
    region = getattr(obj, "region", None) if not isinstance(obj, type) else None
    return may_edit_region(user, region)


def _via_form(user: Any, obj: Any) -> bool:
    form = getattr(obj, "form", None) if not isinstance(obj, type) else None
    return may_edit_region(user, getattr(form, "region", None))


def _office(user: Any, obj: Any = None) -> bool:
    return scopes_of(user).is_office


def _everyone(user: Any, obj: Any = None) -> bool:
    return True


def may_read_office_list(user: Any, obj: Any = None) -> bool:
    """Coordinators choose matters for their entries and keep their region's forms, so they see the
    whole lists of matters and forms (editing stays with the rules per object)."""
    scopes = scopes_of(user)
    return scopes.is_office or bool(scopes.coordinated_paths)


def may_translate(user: Any, translation: Any) -> bool:
    """The office always; a translator for the language of ``translation`` (or any, for the class)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if scopes_of(user).is_office:
        return True
    translators = Translator.objects.filter(user_id=user.pk)
    if isinstance(translation, Translation):
        translators = translators.filter(language=translation.language)
    return translators.exists()


policy.rule("guide_edit", Region)(may_edit_region)
policy.rule("guide_publish", Region)(may_edit_region)
for _model in (Matter, Responsibility, Edition, InfoPage, Form, FormFile):
    policy.rule("view", _model)(_everyone)
policy.rule("view", Translation)(_everyone)
policy.rule("list", Matter)(may_read_office_list)
policy.rule("list", Form)(may_read_office_list)
for _action in ("create", "edit", "delete"):
    policy.rule(_action, Matter)(_office)
    policy.rule(_action, Responsibility)(_via_region)
    policy.rule(_action, InfoPage)(_via_region)
    policy.rule(_action, Form)(_via_region)
    policy.rule(_action, FormFile)(_via_form)
    policy.rule(_action, Translation)(may_translate)
    policy.rule(_action, GuideLanguage)(_office)
    policy.rule(_action, Translator)(_office)
policy.rule("view", GuideLanguage)(_office)
policy.rule("view", Translator)(_office)
# Editions are frozen: nobody edits one; publishing makes a new one (rule "guide_publish").
policy.rule("delete", Edition)(_office)
