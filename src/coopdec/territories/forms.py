from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.core.forms import FilterForm, SearchField, WebsiteField

from .enums import LevelKind, SizeClass
from .models import AdminLevel, Area, Country


class HomeAreaChoiceField(forms.ModelChoiceField):
    """An area of the federation's country at one level (region, prefecture), by its slug;
    for filters."""

    def __init__(self, kind: str, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=Area.objects.at_home(kind),
            to_field_name="slug",
            **kwargs,
        )


def region_field() -> HomeAreaChoiceField:
    return HomeAreaChoiceField(LevelKind.REGION, label=_("Region"), empty_label=_("All regions"))


def commune_field() -> HomeAreaChoiceField:
    """One commune, given by the links of its page ("all its partnerships"); not a drop-down
    list: there may be thousands."""
    return HomeAreaChoiceField(LevelKind.MUNICIPALITY, label=_("Commune"), widget=forms.HiddenInput)


def prefecture_field() -> HomeAreaChoiceField:
    return HomeAreaChoiceField(
        LevelKind.INTERMEDIATE, label=_("Prefecture"), empty_label=_("All prefectures")
    )


class CommuneFilterForm(FilterForm):
    lookups = {"region": "parent__parent", "prefecture": "parent", "size": "size_class"}
    q = SearchField()
    region = region_field()
    prefecture = prefecture_field()
    size = forms.ChoiceField(
        choices=[("", _("All sizes")), *SizeClass.choices], required=False, label=_("Size")
    )


class CountryChoiceField(forms.ModelChoiceField):
    """A country by its ISO code, whatever its case ("fr" or "FR")."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


def partner_country_field(label: StrOrPromise | None = None) -> CountryChoiceField:
    """A country other than the federation's own where local governments are recorded; for
    filters."""
    return CountryChoiceField(
        queryset=Country.objects.filter(
            pk__in=AdminLevel.objects.filter(is_local_government=True).values("country")
        ).exclude(code=settings.COOPDEC_HOME_COUNTRY),
        to_field_name="code",
        required=False,
        label=label or _("Partner country"),
        empty_label=_("All countries"),
    )


class LocalGovernmentFilterForm(FilterForm):
    lookups = {"country": "country", "level": "level__kind"}
    q = SearchField()
    country = partner_country_field(label=_("Country"))
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *LevelKind.choices], required=False, label=_("Level")
    )


class AreaForm(forms.ModelForm):
    """What a focal point or partner keeps up to date about their local government."""

    website = WebsiteField()

    class Meta:
        model = Area
        fields = [
            "seat_town",
            "size_class",
            "population",
            "website",
            "description",
            "latitude",
            "longitude",
        ]
