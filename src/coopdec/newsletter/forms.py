from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Cadence, Issue


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    weekly = forms.BooleanField(
        label=_("Also the weekly issue"),
        required=False,
        help_text=_("The monthly issue comes anyway; a week with nothing new sends nothing."),
    )


class PrepareForm(forms.Form):
    cadence = forms.ChoiceField(label=_("Issue"), choices=Cadence.choices)
    day = forms.DateField(
        label=_("A day of the period"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The month, or the week from Monday, that holds this day."),
    )


class IntroductionForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["introduction_fr", "introduction_en"]
        widgets = {
            "introduction_fr": forms.Textarea(attrs={"rows": 4}),
            "introduction_en": forms.Textarea(attrs={"rows": 4}),
        }
