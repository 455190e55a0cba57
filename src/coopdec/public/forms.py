from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import FilterForm
from coopdec.opportunities.enums import OpportunityKind
from coopdec.partnerships.forms import PartnershipFilterForm
from coopdec.projects.forms import ProjectFilterForm


class PeriodMixin(forms.Form):
    """A period of years: partnerships signed, projects started within it."""

    since = forms.IntegerField(
        required=False, min_value=1950, max_value=2100, label=_("From (year)")
    )
    until = forms.IntegerField(required=False, min_value=1950, max_value=2100, label=_("To (year)"))


class PublicPartnershipFilterForm(PartnershipFilterForm, PeriodMixin):
    """The atlas's partnership filters: the staff's, less "to relaunch" (a follow-up
    judgement, not a public fact), plus a period of signature."""

    lookups = {
        **{k: v for k, v in PartnershipFilterForm.lookups.items() if k != "to_relaunch"},
        "since": "signature_date__year__gte",
        "until": "signature_date__year__lte",
    }
    to_relaunch = None  # type: ignore[assignment]  # Django's way to drop an inherited field


class PublicProjectFilterForm(ProjectFilterForm, PeriodMixin):
    lookups = {
        **ProjectFilterForm.lookups,
        "since": "start_date__year__gte",
        "until": "start_date__year__lte",
    }


class OpportunityFilterForm(FilterForm):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("Any kind")), *OpportunityKind.choices],
        label=_("Kind"),
    )
    lookups = {"kind": "kind"}


class PublicProgrammeFilterForm(FilterForm):
    year = forms.IntegerField(
        required=False, min_value=1950, max_value=2100, label=_("Running in (year)")
    )
    lookups = {"year": "method:running_in"}
