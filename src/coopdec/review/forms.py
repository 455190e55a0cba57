from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coopdec.core.models import FederationSettings

from .models import ReviewPolicy


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
    """The general setting, and per kind of record whether changes need validation."""

    INHERIT, REQUIRED, DIRECT = "", "required", "direct"

    class Meta:
        model = FederationSettings
        fields = ["require_validation", "dormant_after_months"]

    def __init__(self, *args, kinds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = {
            f"kind_{ContentType.objects.get_for_model(kind.model).pk}": kind for kind in kinds
        }
        policies = {
            policy.content_type_id: policy.required for policy in ReviewPolicy.objects.all()
        }
        for name, kind in self.kinds.items():
            required = policies.get(int(name.removeprefix("kind_")))
            self.fields[name] = forms.ChoiceField(
                label=capfirst(kind.model._meta.verbose_name_plural),
                required=False,
                choices=[
                    (self.INHERIT, _("As the general setting")),
                    (self.REQUIRED, _("Validated by the federation")),
                    (self.DIRECT, _("Saved directly")),
                ],
                initial=(
                    self.INHERIT
                    if required is None
                    else (self.REQUIRED if required else self.DIRECT)
                ),
            )

    def save(self, commit: bool = True):
        settings = super().save(commit)
        for name in self.kinds:
            content_type_id = int(name.removeprefix("kind_"))
            chosen = self.cleaned_data.get(name) or self.INHERIT
            if chosen == self.INHERIT:
                ReviewPolicy.objects.filter(content_type_id=content_type_id).delete()
            else:
                ReviewPolicy.objects.update_or_create(
                    content_type_id=content_type_id,
                    defaults={"required": chosen == self.REQUIRED},
                )
        return settings
