from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import FilterForm, SearchField, WebsiteField

from .enums import OrganisationKind
from .models import Organisation, Person


class OrganisationFilterForm(FilterForm):
    lookups = {"kind": "kind"}
    q = SearchField()
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *OrganisationKind.choices], required=False, label=_("Kind")
    )


class OrganisationForm(forms.ModelForm):
    website = WebsiteField()

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "website", "description"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone"]
