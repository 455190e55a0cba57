from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.models import FederationSettings


class DecisionForm(forms.Form):
    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))], widget=forms.HiddenInput
    )
    message = forms.CharField(
        label=_("Message to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("message"):
            self.add_error("message", _("Say why the proposal is rejected, so it can be fixed."))
        return cleaned


class FederationSettingsForm(forms.ModelForm):
    class Meta:
        model = FederationSettings
        fields = ["require_validation", "dormant_after_months"]
