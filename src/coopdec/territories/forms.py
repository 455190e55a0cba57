from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import FilterForm, SearchField, WebsiteField

from .enums import LevelKind, SizeClass
from .models import AdminLevel, Area, Country


class RegionChoiceField(forms.ModelChoiceField):
    """A region of the federation's country, by its slug; for filters."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("empty_label", _("All regions"))
        super().__init__(
            queryset=Area.objects.filter(
                country__code=settings.COOPDEC_HOME_COUNTRY, level__kind=LevelKind.REGION
            ),
            to_field_name="slug",
            **kwargs,
        )


class CommuneFilterForm(FilterForm):
    lookups = {"region": "parent__parent", "prefecture": "parent", "size": "size_class"}
    q = SearchField()
    region = RegionChoiceField()
    prefecture = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        to_field_name="slug",
        required=False,
        label=_("Prefecture"),
        empty_label=_("All prefectures"),
    )
    size = forms.ChoiceField(
        choices=[("", _("All sizes")), *SizeClass.choices], required=False, label=_("Size")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = Area.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY)
        self.fields["prefecture"].queryset = home.filter(level__kind=LevelKind.INTERMEDIATE)


class CountryChoiceField(forms.ModelChoiceField):
    """A country by its ISO code, whatever its case ("fr" or "FR")."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class LocalGovernmentFilterForm(FilterForm):
    lookups = {"country": "country", "level": "level__kind"}
    q = SearchField()
    country = CountryChoiceField(
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *LevelKind.choices], required=False, label=_("Level")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(
            pk__in=AdminLevel.objects.filter(is_local_government=True).values("country")
        ).exclude(code=settings.COOPDEC_HOME_COUNTRY)


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
