from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.core.collation import ReadingOrder, by_name
from coopdec.core.forms import FilterForm, SearchField, WebsiteField
from coopdec.core.pickers import Creator
from coopdec.core.text import normalize_name

from .enums import LevelKind, SizeClass
from .models import AdminLevel, Area, Country
from .rules import ADD_LOCAL_GOVERNMENT
from .services import build_local_government, similar_local_governments


class HomeAreaChoiceField(forms.ModelChoiceField):
    """An area of the federation's country at one level (region, prefecture), by its slug;
    for filters."""

    def __init__(self, kind: str, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=Area.objects.at_home(kind).select_related("level").order_by(by_name("name")),
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
    lookups = {"region": "method:inside", "prefecture": "method:inside", "size": "size_class"}
    q = SearchField()
    region = region_field()
    prefecture = prefecture_field()
    size = forms.ChoiceField(
        choices=[("", _("All sizes")), *SizeClass.choices], required=False, label=_("Size")
    )


class CountryChoiceField(forms.ModelChoiceField):
    """A country by its ISO code, whatever its case ("fr" or "FR"); listed as the reader's
    language sorts them ("Bénin" before "Burkina Faso", "Egypt" among the E's in English)."""

    iterator = ReadingOrder

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


class LevelChoiceField(forms.ModelChoiceField):
    """A level of government abroad, by country in the reader's language, then by rank."""

    iterator = ReadingOrder
    reading_order = ("country__name",)
    then_order = ("depth",)

    def label_from_instance(self, obj) -> str:
        return f"{obj.country.name} — {obj.name}"


class NewLocalGovernmentForm(forms.Form):
    """A local government abroad, recorded where it is needed (the partnership form)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    level = LevelChoiceField(
        queryset=AdminLevel.objects.filter(is_local_government=True)
        .exclude(country__code=settings.COOPDEC_HOME_COUNTRY)
        .select_related("country"),
        label=_("Country and level"),
    )
    parent = forms.CharField(
        label=_("Part of"),
        max_length=200,
        required=False,
        help_text=_(
            "The department or region it belongs to, by name or code (“Deux-Sèvres” or "
            "“79”), if it is recorded; otherwise leave empty."
        ),
    )
    official_code = forms.CharField(
        label=_("Official code"),
        max_length=30,
        required=False,
        help_text=_("For example a French INSEE code."),
    )

    def clean(self):
        cleaned = super().clean()
        level, parent = cleaned.get("level"), cleaned.get("parent")
        if level is None or not parent:
            cleaned["parent"] = None
            return cleaned
        found = list(
            Area.objects.filter(country=level.country, level__depth__lt=level.depth)
            .filter(Q(name_key=normalize_name(parent)) | Q(official_code__iexact=parent))
            .select_related("level")[:2]
        )
        if len(found) != 1:
            self.add_error(
                "parent",
                _("No area above this level is named “%(name)s” (%(country)s).")
                % {"country": level.country, "name": parent}
                if not found
                else _("Several areas are named “%(name)s” (%(country)s): give the code.")
                % {"country": level.country, "name": parent},
            )
            return cleaned
        cleaned["parent"] = found[0]
        return cleaned


def _similar_local_governments(cleaned: dict, user):
    return similar_local_governments(
        name=cleaned["name"],
        country=cleaned["level"].country,
        official_code=cleaned.get("official_code", ""),
    )


def _build_local_government(cleaned: dict):
    return build_local_government(
        name=cleaned["name"],
        level=cleaned["level"],
        parent=cleaned.get("parent"),
        official_code=cleaned.get("official_code", ""),
    )


NEW_LOCAL_GOVERNMENT = Creator(
    label=_("Not in the records? Add a local government"),
    form=NewLocalGovernmentForm,
    similar=_similar_local_governments,
    build=_build_local_government,
    permission=ADD_LOCAL_GOVERNMENT,
)
