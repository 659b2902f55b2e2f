"""Input validation for the guide's pages; the services do the writing."""

from __future__ import annotations

import html
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from integrationsnetz.accounts.models import User
from integrationsnetz.core.models import FieldOfAction, Language, Region, TargetGroup
from integrationsnetz.directory.forms import AccessibleErrorsMixin
from integrationsnetz.directory.models import ContactPerson, Organisation, Service
from integrationsnetz.guide.models import Form as FormDocument
from integrationsnetz.guide.models import InfoPage, Matter, Responsibility, Translator
from integrationsnetz.guide.selectors import ShownText

# Plain-language answers to "what is your situation?", each standing for one target group. Target
# groups without a sentence here are offered under their own name.
SITUATIONS: tuple[tuple[str, Any], ...] = (
    ("asylsuchende", _("I have applied for asylum and am waiting for the decision.")),
    ("geduldete", _("I have a “Duldung” (my deportation is suspended).")),
    ("anerkannte-gefluechtete", _("I am recognised as a refugee or have protection.")),
    ("vertriebene-ukraine", _("I fled the war in Ukraine and have temporary protection.")),
    ("eu-buergerinnen", _("I am a citizen of a country of the European Union.")),
    ("drittstaatsangehoerige", _("I come from outside the EU and have a residence permit.")),
    ("fachkraefte", _("I came to Germany to work.")),
    ("studierende", _("I came to Germany to study.")),
    ("unbegleitete-minderjaehrige", _("I am under 18 and came without my parents.")),
)


def situation_choices(groups: list[TargetGroup]) -> list[tuple[str, Any]]:
    sentences = dict(SITUATIONS)
    by_slug = {group.slug: group for group in groups}
    choices = [(slug, text) for slug, text in SITUATIONS if slug in by_slug]
    choices += [(group.slug, group.name) for group in groups if group.slug not in sentences]
    return choices


class FinderForm(forms.Form):
    """The three questions; read from the query string so that every answer has a shareable URL."""

    region = forms.ChoiceField(label=_("Where do you live?"))
    situation = forms.ChoiceField(label=_("What is your situation?"), widget=forms.RadioSelect)
    matter = forms.ChoiceField(label=_("What do you need?"))

    def __init__(
        self,
        data: Any,
        *,
        regions: QuerySet[Region],
        groups: list[TargetGroup],
        matters: list[tuple[Matter, ShownText]],
    ) -> None:
        super().__init__(data)
        choice = cast(dict[str, forms.ChoiceField], self.fields)
        choice["region"].choices = [
            ("", _("Please choose")),
            *((region.key, region.name) for region in regions),
        ]
        choice["situation"].choices = situation_choices(groups)
        grouped: dict[str, list[tuple[str, str]]] = {}
        for matter, name in matters:
            grouped.setdefault(str(matter.field_of_action.name), []).append((matter.slug, name.text))
        choice["matter"].choices = [("", _("Please choose")), *grouped.items()]


def options_html(choices: Any, selected: str) -> SafeString:
    """The ``<option>`` markup of a select, groups included.

    Django's select widget renders a template per option; with hundreds of towns that was most of
    the finder page's time (bench/guide_bench.py).
    """
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            inner = options_html(label, selected)
            parts.append(f'<optgroup label="{html.escape(str(value))}">{inner}</optgroup>')
            continue
        chosen = " selected" if str(value) == selected else ""
        parts.append(f'<option value="{html.escape(str(value))}"{chosen}>{html.escape(str(label))}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


class ResponsibilityForm(AccessibleErrorsMixin, forms.Form):
    matter = forms.ModelChoiceField(label=_("Matter"), queryset=Matter.objects.filter(retired=False))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the entry holds for every target group."),
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none(), required=False)
    contact = forms.ModelChoiceField(
        label=_("Contact person"), queryset=ContactPerson.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=Responsibility.Role.choices)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=200)
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, region: Region, current: Responsibility | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The actors that can matter here: seated above, in or below the region, or serving it (and the
        # entry's own); a state-wide directory of thousands would make the lists unusable otherwise.
        chain = [key for key in region.path.split("/") if key]
        near = (
            Q(region__key__in=chain)
            | Q(region__path__startswith=region.path)
            | Q(regions_served__path__startswith=region.path)
            | Q(regions_served__key__in=chain)
        )
        if current is not None:
            near |= Q(pk=current.organisation_id)
        ids = Organisation.objects.filter(near, status=Organisation.Status.ACTIVE).values("pk")
        fields = cast("dict[str, forms.ModelChoiceField[Any]]", self.fields)
        if current is not None:
            # An entry keeps its matter when that was retired after it was made.
            fields["matter"].queryset = Matter.objects.filter(Q(retired=False) | Q(pk=current.matter_id))
        fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids).order_by("name")
        fields["service"].queryset = (
            Service.objects.filter(organisation__in=ids)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        fields["contact"].queryset = (
            ContactPerson.objects.filter(organisation__in=ids)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation")
        if data.get("service") and organisation and data["service"].organisation_id != organisation.pk:
            self.add_error("service", _("The service belongs to another organisation."))
        if data.get("contact") and organisation and data["contact"].organisation_id != organisation.pk:
            self.add_error("contact", _("The contact person belongs to another organisation."))
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("The end of validity lies before its start."))
        return data


class InfoPageForm(AccessibleErrorsMixin, forms.Form):
    slug = forms.SlugField(label=_("Short name in the address"), max_length=80)
    topic = forms.ChoiceField(label=_("Topic"), choices=InfoPage.Topic.choices)
    title = forms.CharField(label=_("Title (German)"), max_length=200)
    body = forms.CharField(label=_("Text (German)"), widget=forms.Textarea(attrs={"rows": 10}))
    published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args: Any, page: InfoPage | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if page is not None:
            # The address of a page stays: links to it have been shared.
            del self.fields["slug"]

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if InfoPage.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another page has this short name already."))
        return slug


class UploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(label=_("File"))


class TranslationForm(AccessibleErrorsMixin, forms.Form):
    text = forms.CharField(label=_("Translation"), widget=forms.Textarea(attrs={"rows": 3}))


class MatterForm(AccessibleErrorsMixin, forms.Form):
    """A matter's German texts, its place in the list and its LeiKa key; translators do the other languages."""

    slug = forms.SlugField(
        label=_("Short name in addresses and files"),
        max_length=80,
        help_text=_(
            "Lower-case letters, digits and hyphens, e.g. “arbeitserlaubnis”. It cannot be changed later."
        ),
    )
    name = forms.CharField(label=_("Name (German)"), max_length=200)
    description = forms.CharField(
        label=_("Description (German)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    what_to_bring = forms.CharField(
        label=_("What to bring (German)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.order_by("position", "name_de")
    )
    position = forms.IntegerField(
        label=_("Position within the field of action"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Matters with a lower number come first."),
    )
    leika_key = forms.RegexField(
        label=_("LeiKa key"),
        regex=r"^[0-9]{14}$",
        required=False,
        max_length=20,
        help_text=_("The 14 digits of the service in the Leistungskatalog (LeiKa), if there is one."),
        error_messages={"invalid": _("A LeiKa key has 14 digits.")},
    )

    def __init__(self, *args: Any, matter: Matter | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if matter is not None:
            # Import files, the API and shared finder links name the matter by its slug.
            del self.fields["slug"]

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if Matter.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another matter has this short name already."))
        return slug


class FormDocumentForm(AccessibleErrorsMixin, forms.Form):
    """A document of the forms library: its German title and description, region, issuing body and matter."""

    slug = forms.SlugField(
        label=_("Short name in addresses and files"),
        max_length=80,
        help_text=_(
            "Lower-case letters, digits and hyphens, e.g. “antrag-aufenthaltstitel”. It cannot be changed later."
        ),
    )
    title = forms.CharField(label=_("Title (German)"), max_length=200)
    description = forms.CharField(
        label=_("Description (German)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the form is for and who hands it in."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        help_text=_("The form is offered to newcomers of this region and the regions below it."),
    )
    issuer = forms.ModelChoiceField(
        label=_("Issued by"), queryset=Organisation.objects.order_by("name"), required=False
    )
    matters = forms.ModelMultipleChoiceField(
        label=_("Matters"),
        queryset=Matter.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The finder offers the form with the answer for each of these matters."),
    )

    def __init__(
        self, *args: Any, regions: QuerySet[Region], document: FormDocument | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["region"].queryset = regions
        # Retired matters are not offered for new forms, but a form keeps those it names.
        matters = Q(retired=False) | Q(forms=document) if document else Q(retired=False)
        fields["matters"].queryset = Matter.objects.filter(matters).distinct().order_by("name")
        if document is not None:
            # The finder and shared links name the form's files by its slug.
            del self.fields["slug"]

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        # "neu" is the address of the page that adds a form.
        if slug == "neu" or FormDocument.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another form has this short name already."))
        return slug


class GuideLanguageForm(AccessibleErrorsMixin, forms.Form):
    code = forms.CharField(
        label=_("Language code"),
        max_length=3,
        help_text=_("The two-letter ISO 639-1 code, e.g. “ps” for Pashto or “ti” for Tigrinya."),
    )
    direction = forms.ChoiceField(
        label=_("Writing direction"),
        required=False,
        choices=[("", _("as the network's language list or Django has it")), *Language.Direction.choices],
        help_text=_("Arabic, Persian, Pashto, Urdu and Hebrew are written right to left."),
    )


class TranslatorGrantForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args: Any, languages: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = cast(dict[str, forms.ChoiceField], self.fields)
        choice["language"].choices = [("", _("Please choose")), *languages.items()]

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this e-mail address."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, language = data.get("email"), data.get("language")
        if user and language and Translator.objects.filter(user=user, language=language).exists():
            self.add_error("email", _("This person translates into this language already."))
        return data
