from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import by_name
from coopdec.core.forms import (
    DateInput,
    FilterForm,
    SearchField,
    model_choice,
    public_flag_for_federation_only,
)
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.directory.forms import NEW_ORGANISATION
from coopdec.directory.models import Organisation
from coopdec.directory.services import describe as describe_organisation
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.territories.forms import commune_field, region_field
from coopdec.territories.models import Area, Currency

from .enums import ProjectStatus
from .models import FundingLine, Indicator, Measurement, Project

# The currencies most lines use come first in the list.
COMMON_CURRENCIES = ["XOF", "EUR"]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "objectives",
            "status",
            "start_date",
            "end_date",
            "themes",
            "goals",
            "areas",
            "places",
            "is_public",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "themes": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "areas").queryset = Area.objects.communes().order_by(by_name("name"))
        public_flag_for_federation_only(self, user)


class FundingLineForm(forms.ModelForm):
    """A funder's line; amounts that look wrong are shown back to be confirmed."""

    confirm_amounts = forms.BooleanField(
        required=False,
        label=_("These amounts are right"),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = FundingLine
        fields = [
            "funder_organisation",
            "funder_government",
            "instrument",
            "currency",
            "planned",
            "committed",
            "disbursed",
            "date",
            "units_per_euro",
            "rate_date",
        ]
        widgets = {
            "date": DateInput(),
            "rate_date": DateInput(),
            "funder_organisation": PickerWidget(describe=describe_organisation, multiple=False),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.instance.project.partnership
        model_choice(self, "funder_organisation").queryset = Organisation.objects.select_related(
            "country"
        ).order_by(by_name("name"))
        model_choice(self, "funder_government").queryset = Area.objects.filter(
            pk__in=[partnership.local_government_id]
            + list(partnership.partner_governments.values_list("pk", flat=True))
        )
        model_choice(self, "currency").queryset = Currency.objects.annotate(
            common=Case(
                *[When(code=code, then=Value(i)) for i, code in enumerate(COMMON_CURRENCIES)],
                default=Value(len(COMMON_CURRENCIES)),
                output_field=IntegerField(),
            )
        ).order_by("common", "code")
        bind_pickers(self, user=user, creators={"funder_organisation": NEW_ORGANISATION})

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # ModelForm's hook, once the instance is set
        if self.errors or self.cleaned_data.get("confirm_amounts"):
            return
        doubts = self.instance.implausible()
        if doubts:
            # Asked once: the box to confirm appears with the doubts.
            self.fields["confirm_amounts"].widget = forms.CheckboxInput()
            for doubt in doubts:
                self.add_error(None, doubt)
            self.add_error(
                "confirm_amounts", _("Check the amounts, then tick this box if they are right.")
            )


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "baseline_date", "target", "target_date"]
        widgets = {"baseline_date": DateInput(), "target_date": DateInput()}


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value"]
        widgets = {"date": DateInput()}

    def clean_date(self):
        # The indicator is not a field of this form, so Django skips the (indicator, date)
        # uniqueness check: make it here, or a second value for a date would be a 500.
        value = self.cleaned_data["date"]
        others = Measurement.objects.filter(indicator=self.instance.indicator, date=value)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("A value is already recorded for this date; choose another date.")
            )
        return value


class ProjectFilterForm(FilterForm):
    lookups = {
        "status": "status",
        "theme": "themes",
        "region": "method:within",
        "commune": "method:involving",
    }
    q = SearchField()
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *ProjectStatus.choices], required=False, label=_("Status")
    )
    theme = ThemeChoiceField()
    region = region_field()
    commune = commune_field()
