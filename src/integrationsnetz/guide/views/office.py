"""The coordinating office's pages: the list of matters, the forms library, the added languages and
the translators.

Coordinators read the list of matters and keep their region's forms; everything else here is the
office's (``guide.policies``).
Outsiders get 404 from ``policy.require``; every write goes through ``guide.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from integrationsnetz.core import policy
from integrationsnetz.guide import selectors, services
from integrationsnetz.guide.forms import FormDocumentForm, GuideLanguageForm, MatterForm, TranslatorGrantForm
from integrationsnetz.guide.models import Form, FormFile, GuideLanguage, Matter, Translator

# --- Matters -------------------------------------------------------------------------------------


@login_required
@require_GET
def matters(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "list", Matter)
    return render(
        request,
        "guide/matters.html",
        {
            "usages": selectors.matters_with_usage(),
            "may_edit": policy.can(request.user, "edit", Matter),
            "may_create": policy.can(request.user, "create", Matter),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_edit(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Create (no slug) or change a matter's German texts, field of action, position and LeiKa key."""
    matter = get_object_or_404(Matter, slug=slug) if slug else None
    policy.require(request.user, "edit" if matter else "create", matter or Matter)
    initial = (
        {
            "name": matter.name,
            "description": matter.description,
            "what_to_bring": matter.what_to_bring,
            "field_of_action": matter.field_of_action_id,
            "position": matter.position,
            "leika_key": matter.leika_key,
        }
        if matter
        else {}
    )
    form = MatterForm(request.POST or None, initial=initial, matter=matter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.matter_save(
                actor=request.user,  # type: ignore[arg-type]
                slug=matter.slug if matter else data["slug"],
                name=data["name"],
                field_of_action=data["field_of_action"],
                description=data["description"],
                what_to_bring=data["what_to_bring"],
                leika_key=data["leika_key"],
                position=data["position"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The matter “%(matter)s” was saved.") % {"matter": saved.name})
            return redirect("guide:matters")
    use = services.matter_use(matter) if matter else None
    return render(request, "guide/matter_form.html", {"matter": matter, "form": form, "use": use})


@login_required
@require_POST
def matter_retire(request: HttpRequest, slug: str) -> HttpResponse:
    """Retire a matter (``retired=1``) or offer it again (``retired=0``)."""
    matter = get_object_or_404(Matter, slug=slug)
    policy.require(request.user, "edit", matter)
    retired = request.POST.get("retired") == "1"
    services.matter_retire(actor=request.user, matter=matter, retired=retired)  # type: ignore[arg-type]
    if retired:
        messages.success(request, _("“%(matter)s” is retired.") % {"matter": matter.name})
    else:
        messages.success(request, _("“%(matter)s” is offered again.") % {"matter": matter.name})
    return redirect("guide:matter_edit", slug=matter.slug)


@login_required
@require_http_methods(["GET", "POST"])
def matter_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """Delete an unused matter; for one in use, say how many entries and forms name it."""
    matter = get_object_or_404(Matter, slug=slug)
    policy.require(request.user, "delete", matter)
    error = ""
    if request.method == "POST":
        try:
            services.matter_delete(actor=request.user, matter=matter)  # type: ignore[arg-type]
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("The matter “%(matter)s” was deleted.") % {"matter": matter.name})
            return redirect("guide:matters")
    return render(
        request,
        "guide/matter_delete.html",
        {"matter": matter, "use": services.matter_use(matter), "error": error},
    )


# --- Forms library -------------------------------------------------------------------------------


@login_required
@require_GET
def forms_library(request: HttpRequest) -> HttpResponse:
    """Every form with its files per language and its matter; edit links where the policy allows."""
    policy.require(request.user, "list", Form)
    return render(
        request,
        "guide/form_list.html",
        {
            "rows": selectors.forms_overview(request.user),
            "may_create": policy.can(request.user, "create", Form),
            "office_nav": policy.can(request.user, "view", GuideLanguage),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request: HttpRequest, slug: str = "") -> HttpResponse:
    """Create (no slug) or change a form's German title and description, region, issuer and matters."""
    document = get_object_or_404(Form.objects.select_related("region"), slug=slug) if slug else None
    policy.require(request.user, "edit" if document else "create", document or Form)
    initial = (
        {
            "title": document.title,
            "description": document.description,
            "region": document.region_id,
            "issuer": document.issuer_id,
            "matters": [matter.pk for matter in document.matters.all()],
        }
        if document
        else {}
    )
    form = FormDocumentForm(
        request.POST or None,
        initial=initial,
        regions=selectors.regions_editable_by(request.user),
        document=document,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.form_save(
                actor=request.user,  # type: ignore[arg-type]
                slug=document.slug if document else data["slug"],
                region=data["region"],
                title=data["title"],
                description=data["description"],
                issuer=data["issuer"],
                matters=data["matters"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The form “%(form)s” was saved.") % {"form": saved.title})
            # A new form has no file yet: its page is where the files are added.
            return (
                redirect("guide:form_edit", slug=saved.slug)
                if document is None
                else redirect("guide:forms_library")
            )
    names = {item.code: item.native_name for item in selectors.guide_languages()}
    # A deactivated language has no name in ``names``; its code stands in.
    files = [(row, names.get(row.language, row.language)) for row in selectors.form_files(document)]
    return render(
        request,
        "guide/form_form.html",
        {
            "document": document,
            "form": form,
            "files": files,
            "office_nav": policy.can(request.user, "view", GuideLanguage),
        },
    )


@login_required
@require_POST
def form_retire(request: HttpRequest, slug: str) -> HttpResponse:
    """Retire a form (``retired=1``) or offer it again (``retired=0``)."""
    document = get_object_or_404(Form.objects.select_related("region"), slug=slug)
    policy.require(request.user, "edit", document)
    retired = request.POST.get("retired") == "1"
    services.form_retire(actor=request.user, form=document, retired=retired)  # type: ignore[arg-type]
    if retired:
        messages.success(request, _("“%(form)s” is retired.") % {"form": document.title})
    else:
        messages.success(request, _("“%(form)s” is offered again.") % {"form": document.title})
    return redirect("guide:form_edit", slug=document.slug)


@login_required
@require_http_methods(["GET", "POST"])
def form_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """Delete a form without files; for one with files, say how many and offer to retire it."""
    document = get_object_or_404(Form.objects.select_related("region"), slug=slug)
    policy.require(request.user, "delete", document)
    error = ""
    if request.method == "POST":
        try:
            services.form_delete(actor=request.user, form=document)  # type: ignore[arg-type]
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("The form “%(form)s” was deleted.") % {"form": document.title})
            return redirect("guide:forms_library")
    return render(
        request,
        "guide/form_delete.html",
        {"document": document, "files": services.form_use(document), "error": error},
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_file_remove(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    """Ask, then remove one language version of a form."""
    form_file = get_object_or_404(
        FormFile.objects.select_related("form__region"), form__slug=slug, language=lang
    )
    policy.require(request.user, "delete", form_file)
    if request.method == "POST":
        services.form_file_remove(actor=request.user, form_file=form_file)  # type: ignore[arg-type]
        messages.success(
            request,
            _("The %(language)s file of “%(form)s” was removed.")
            % {"language": lang.upper(), "form": form_file.form.title},
        )
        return redirect("guide:form_edit", slug=slug)
    return render(request, "guide/form_file_remove.html", {"form_file": form_file})


# --- Languages -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def languages(request: HttpRequest) -> HttpResponse:
    """The guide's languages with their translation status, and a form to add (or re-activate) one."""
    policy.require(request.user, "view", GuideLanguage)
    form = GuideLanguageForm(request.POST or None)
    if request.method == "POST":
        policy.require(request.user, "create", GuideLanguage)
        if form.is_valid():
            try:
                row = services.guide_language_add(
                    actor=request.user,  # type: ignore[arg-type]
                    code=form.cleaned_data["code"],
                    direction=form.cleaned_data["direction"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The guide is now offered in %(language)s.") % {"language": row.language.native_name},
                )
                return redirect("guide:languages")
    return render(request, "guide/languages.html", {"statuses": selectors.language_overview(), "form": form})


@login_required
@require_POST
def language_deactivate(request: HttpRequest, lang: str) -> HttpResponse:
    row = get_object_or_404(GuideLanguage.objects.select_related("language"), language__code=lang)
    policy.require(request.user, "edit", row)
    services.guide_language_deactivate(actor=request.user, guide_language=row)  # type: ignore[arg-type]
    messages.success(
        request, _("%(language)s is no longer offered.") % {"language": row.language.native_name}
    )
    return redirect("guide:languages")


# --- Translators ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def translators(request: HttpRequest) -> HttpResponse:
    """Who translates into which language, and a form to give someone the role."""
    policy.require(request.user, "view", Translator)
    names = selectors.translator_languages()
    form = TranslatorGrantForm(request.POST or None, languages=names)
    if request.method == "POST":
        policy.require(request.user, "create", Translator)
        if form.is_valid():
            user = form.cleaned_data["email"]
            language = form.cleaned_data["language"]
            try:
                services.translator_grant(actor=request.user, user=user, language=language)  # type: ignore[arg-type]
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("%(person)s may now translate into %(language)s.")
                    % {"person": user.email, "language": names[language]},
                )
                return redirect("guide:translators")
    return render(
        request,
        "guide/translators.html",
        {
            # A deactivated language has no name in ``names``; its code stands in.
            "rows": [(row, names.get(row.language, row.language)) for row in selectors.translators()],
            "form": form,
        },
    )


@login_required
@require_POST
def translator_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    translator = get_object_or_404(Translator.objects.select_related("user"), pk=pk)
    policy.require(request.user, "delete", translator)
    services.translator_revoke(actor=request.user, translator=translator)  # type: ignore[arg-type]
    messages.success(
        request,
        _("%(person)s no longer translates into %(language)s.")
        % {"person": translator.user.email, "language": translator.language},
    )
    return redirect("guide:translators")
