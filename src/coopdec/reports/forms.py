from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import monthly


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        help_text=_("As 2026-03."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"}),
    )

    def clean_month(self):
        try:
            return monthly.parse_month(self.cleaned_data["month"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class IssueForm(forms.Form):
    foreword = forms.CharField(
        label=_("Foreword"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the federation says first; the report follows from the data."),
    )
