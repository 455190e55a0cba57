from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import FilterForm
from coopdec.partnerships.enums import PartnershipStatus
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.territories.forms import partner_country_field, prefecture_field, region_field

from .stats import Filters


class DashboardFilterForm(FilterForm):
    region = region_field()
    prefecture = prefecture_field()
    theme = ThemeChoiceField()
    country = partner_country_field()
    year_from = forms.IntegerField(
        label=_("Funding from (year)"), required=False, min_value=1950, max_value=2100
    )
    year_to = forms.IntegerField(
        label=_("Funding until (year)"), required=False, min_value=1950, max_value=2100
    )
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *PartnershipStatus.choices],
        required=False,
        label=_("Partnership status"),
    )
    signed_from = forms.IntegerField(
        label=_("Signed from (year)"), required=False, min_value=1950, max_value=2100
    )
    signed_to = forms.IntegerField(
        label=_("Signed until (year)"), required=False, min_value=1950, max_value=2100
    )

    def filters(self) -> Filters:
        return Filters(**self.cleaned_filters())
