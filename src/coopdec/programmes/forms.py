from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import bilingual, by_name
from coopdec.core.forms import DateInput, model_choice, public_flag_for_federation_only
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.directory.models import Organisation
from coopdec.documents.models import Document
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import Project
from coopdec.territories.models import Area, Currency

from . import services
from .models import Activity, Programme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "description",
            "lead_government",
            "lead_organisation",
            "start_date",
            "end_date",
            "partnerships",
            "projects",
            "currency",
            "budget",
            "yearly_contribution",
            "is_public",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "partnerships": PickerWidget(),
            "projects": PickerWidget(),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        public_flag_for_federation_only(self, user)
        model_choice(self, "lead_government").queryset = (
            Area.objects.filter(level__is_local_government=True)
            .select_related("country")
            .order_by(by_name(bilingual("country__name")), by_name("name"))
        )
        model_choice(self, "lead_organisation").queryset = Organisation.objects.order_by(
            by_name("name")
        )
        model_choice(self, "currency").queryset = Currency.objects.filter(
            code__in=["EUR", "XOF"]
        ).order_by("code")
        if self.instance.pk is None:
            self.initial.setdefault("currency", Currency.objects.filter(code="EUR").first())
        model_choice(self, "partnerships").queryset = Partnership.objects.visible_to(user).order_by(
            by_name("name")
        )
        model_choice(self, "projects").queryset = Project.objects.visible_to(user).order_by(
            by_name("title")
        )
        bind_pickers(self, user=user)


class CoFundingLineForm(forms.Form):
    funder_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Funding organisation")
    )
    funder_government = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, label=_("or local government")
    )
    share = forms.DecimalField(
        label=_("Share (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        required=False,
    )
    received = forms.DecimalField(
        label=_("Received so far"), max_digits=16, decimal_places=2, min_value=0, required=False
    )

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("funder_organisation") or cleaned.get("funder_government")
        if named and cleaned.get("share") is None:
            self.add_error("share", _("Give this funder's share of the budget."))
        if cleaned.get("funder_organisation") and cleaned.get("funder_government"):
            self.add_error(
                "funder_government", _("One funder a line: an organisation or a local government.")
            )
        return cleaned


class BaseCoFundingFormSet(forms.BaseFormSet):
    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        self.programme = programme
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        model_choice(form, "funder_organisation").queryset = Organisation.objects.order_by(
            by_name("name")
        )
        model_choice(form, "funder_government").queryset = (
            Area.objects.filter(pk__in=services.members(self.programme).values("pk"))
            | Area.objects.filter(pk=self.programme.lead_government_id)
        ).order_by(by_name("name"))
        return form

    def lines(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and (
                form.cleaned_data.get("funder_organisation")
                or form.cleaned_data.get("funder_government")
            )
        ]

    def clean(self):
        if any(self.errors):
            return
        try:
            services.check_cofunding(self.lines())
        except ValidationError as error:
            raise ValidationError(error.messages) from None


_CoFundingFormSet = forms.formset_factory(
    CoFundingLineForm, formset=BaseCoFundingFormSet, extra=3, max_num=30, absolute_max=30
)


def cofunding_formset(data, *, programme: Programme) -> BaseCoFundingFormSet:
    """The plan's lines as they are, and three empty ones to add funders."""
    initial = [
        {
            "funder_organisation": line.funder_organisation,
            "funder_government": line.funder_government,
            "share": line.share,
            "received": line.received,
        }
        for line in programme.cofunding.all()
    ]
    formset = _CoFundingFormSet(data, initial=initial, programme=programme, prefix="line")  # type: ignore[call-arg]
    return cast(BaseCoFundingFormSet, formset)


class PaymentForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Area.objects.none(), label=_("Member"))
    year = forms.TypedChoiceField(coerce=int, label=_("Year"))
    amount = forms.DecimalField(
        label=_("Amount paid"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    pledged = forms.DecimalField(
        label=_("Amount due"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Empty: the programme's yearly contribution."),
    )
    receipt = forms.ModelChoiceField(
        queryset=Document.objects.none(),
        required=False,
        label=_("Receipt"),
        help_text=_("A document attached to the programme."),
    )

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        model_choice(self, "member").queryset = services.members(programme)
        years = programme.years() or list(range(2000, 2041))
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [(year, str(year)) for year in years]
        model_choice(self, "receipt").queryset = Document.objects.owned_by(programme)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            services.check_payment(self.programme, **cleaned)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return cleaned


class ActivityForm(forms.ModelForm):
    """An activity and, for each of the programme's partnerships, who took part."""

    class Meta:
        model = Activity
        fields = ["kind", "title", "date", "days", "place", "cost", "description"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.taking_part = list(
            self.instance.programme.partnerships.select_related("local_government").order_by(
                by_name("name")
            )
        )
        known = (
            {p.partnership_id: p for p in self.instance.participations.all()}
            if self.instance.pk
            else {}
        )
        for partnership in self.taking_part:
            found = known.get(partnership.pk)
            for key, label in (
                ("people", _("Participants")),
                ("women", _("of whom women")),
                ("men", _("of whom men")),
            ):
                self.fields[f"{key}_{partnership.pk}"] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=9999,
                    required=False,
                    initial=getattr(found, key) if found else None,
                )
            self.fields[f"part_{partnership.pk}"] = forms.BooleanField(
                label=_("Took part"), required=False, initial=found is not None
            )

    def activity_fields(self):
        """The activity's own fields (who took part comes after, partnership by partnership)."""
        return [self[name] for name in self._meta.fields or []]

    def partnership_rows(self):
        """Each partnership with its fields, for the template."""
        return [
            (
                partnership,
                [self[f"{key}_{partnership.pk}"] for key in ("part", "people", "women", "men")],
            )
            for partnership in self.taking_part
        ]

    def participations(self) -> dict[int, dict]:
        found = {}
        for partnership in self.taking_part:
            counts = {
                key: self.cleaned_data.get(f"{key}_{partnership.pk}")
                for key in ("people", "women", "men")
            }
            took_part = self.cleaned_data.get(f"part_{partnership.pk}")
            if took_part or any(value is not None for value in counts.values()):
                found[partnership.pk] = counts
        return found

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services.check_participations(self.participations())
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned
