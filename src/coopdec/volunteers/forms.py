from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.core.collation import bilingual, by_name
from coopdec.core.forms import DateInput, FilterForm, model_choice
from coopdec.directory.models import Organisation
from coopdec.opportunities.enums import OpportunityKind
from coopdec.opportunities.models import Opportunity
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.taxonomy.models import Theme
from coopdec.territories.forms import CountryChoiceField
from coopdec.territories.models import Area, Country

from .enums import Purpose, Scheme
from .figures import Filters
from .models import Mission, Volunteer, Wave


class VolunteerForm(forms.ModelForm):
    nationality = CountryChoiceField(
        queryset=Country.objects.all(), required=False, label=_("Nationality")
    )

    class Meta:
        model = Volunteer
        fields = ["name", "email", "phone", "gender", "birth_year", "nationality", "language"]
        fields += ["account"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        accounts = User.objects.filter(role=Role.VOLUNTEER, is_active=True).filter(
            volunteer__isnull=True
        )
        if self.instance.account_id:
            accounts = accounts | User.objects.filter(pk=self.instance.account_id)
        model_choice(self, "account").queryset = accounts.order_by("username")
        self.fields["account"].help_text = _(
            "The volunteer's own account (role “volunteer”), if they have one: they then "
            "see their data and choices on their page."
        )


class MissionForm(forms.ModelForm):
    class Meta:
        model = Mission
        fields = [
            "scheme",
            "sending_organisation",
            "host_government",
            "host_organisation",
            "place",
            "partnership",
            "programme",
            "themes",
            "opportunity",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "description",
        ]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by(by_name("name"))
        model_choice(self, "sending_organisation").queryset = organisations
        model_choice(self, "host_organisation").queryset = organisations
        model_choice(self, "host_government").queryset = (
            Area.objects.filter(level__is_local_government=True)
            .select_related("country")
            .order_by(by_name(bilingual("country__name")), by_name("name"))
        )
        model_choice(self, "partnership").queryset = Partnership.objects.published().order_by(
            by_name("name")
        )
        model_choice(self, "programme").queryset = Programme.objects.published().order_by(
            by_name("name")
        )
        model_choice(self, "themes").queryset = Theme.objects.order_by("order")
        model_choice(self, "opportunity").queryset = Opportunity.objects.filter(
            kind=OpportunityKind.VOLUNTEER_MISSION
        ).order_by("-created_at")


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = [
            "name_fr",
            "name_en",
            "anchor",
            "months",
            "days",
            "questionnaire",
            "first_reminder",
            "second_reminder",
            "open_days",
        ]


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=Purpose.choices)
    given = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )


class MissionFilterForm(FilterForm):
    """The cohort chosen: a programme, a scheme, years of departure."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(), required=False, label=_("Programme")
    )
    scheme = forms.ChoiceField(
        choices=[("", _("All schemes")), *Scheme.choices], required=False, label=_("Scheme")
    )
    year_from = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=_("Departures from")
    )
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("to"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "programme").queryset = Programme.objects.published().order_by(
            by_name("name")
        )

    def filters(self) -> Filters:
        chosen = self.cleaned_filters()
        return Filters(
            chosen.get("programme"),
            chosen.get("scheme", ""),
            chosen.get("year_from"),
            chosen.get("year_to"),
        )


class QuestionnaireImportForm(forms.Form):
    name = forms.SlugField(label=_("Name"), max_length=120)
    file = forms.FileField(label=_("XLSForm (.xlsx)"))
