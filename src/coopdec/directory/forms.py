from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopdec.core.forms import FilterForm, SearchField, WebsiteField
from coopdec.core.pickers import Creator
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.territories.enums import LevelKind
from coopdec.territories.forms import CountryChoiceField, HomeAreaChoiceField
from coopdec.territories.models import Country

from .enums import OrganisationKind, PositionRole
from .models import Organisation, Person
from .rules import ADD_ORGANISATION, ADD_PERSON
from .services import build_organisation, build_person, similar_organisations, similar_people


class OrganisationFilterForm(FilterForm):
    lookups = {"kind": "kind", "country": "country", "theme": "method:with_theme"}
    q = SearchField()
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *OrganisationKind.choices], required=False, label=_("Kind")
    )
    country = CountryChoiceField(
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    theme = ThemeChoiceField()


class OrganisationForm(forms.ModelForm):
    website = WebsiteField()

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "website", "description"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone"]


class NewOrganisationForm(forms.Form):
    """An organisation, recorded where it is needed (the partnership form, its own page)."""

    name = forms.CharField(label=_("Name"), max_length=250)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *OrganisationKind.choices])
    country = CountryChoiceField(queryset=Country.objects.all(), label=_("Country"))
    website = WebsiteField()


def _similar_organisations(cleaned: dict, user):
    return similar_organisations(
        name=cleaned["name"], country=cleaned["country"], acronym=cleaned.get("acronym", "")
    )


def _build_organisation(cleaned: dict):
    return build_organisation(
        name=cleaned["name"],
        kind=cleaned["kind"],
        country=cleaned["country"],
        acronym=cleaned.get("acronym", ""),
        website=cleaned.get("website", ""),
    )


NEW_ORGANISATION = Creator(
    label=_("Not in the records? Add an organisation"),
    form=NewOrganisationForm,
    similar=_similar_organisations,
    build=_build_organisation,
    permission=ADD_ORGANISATION,
)


class NewContactForm(forms.Form):
    """A person and the position they hold at the body whose page they were added from."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *PositionRole.choices])
    title = forms.CharField(
        label=pgettext_lazy("position", "Title"), max_length=200, required=False
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


def _similar_people(cleaned: dict, user):
    return similar_people(
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
        email=cleaned.get("email", ""),
        user=user,
    )


def _build_person(cleaned: dict):
    return build_person(
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
        email=cleaned.get("email", ""),
        phone=cleaned.get("phone", ""),
    )


NEW_CONTACT = Creator(
    label=_("Add a contact"),
    form=NewContactForm,
    similar=_similar_people,
    build=_build_person,
    permission=ADD_PERSON,
)


class PersonFilterForm(FilterForm):
    """The directory's filters: name, commune, role, country (no theme: people have none of
    their own)."""

    lookups = {
        "role": "method:with_role",
        "commune": "method:at_commune",
        "country": "method:in_country",
    }
    q = SearchField(label=_("Name or e-mail"))
    role = forms.ChoiceField(
        choices=[("", _("All roles")), *PositionRole.choices], required=False, label=_("Role")
    )
    commune = HomeAreaChoiceField(
        LevelKind.MUNICIPALITY, label=_("Commune"), empty_label=_("All communes")
    )
    country = CountryChoiceField(
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
