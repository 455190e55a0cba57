from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import DateTimeInput, WebsiteField
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind, SizeClass
from coopdec.territories.models import Area

from .models import Opportunity


class OpportunityForm(forms.ModelForm):
    link = WebsiteField(label=_("Link"))
    size_classes = forms.MultipleChoiceField(
        choices=SizeClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Commune sizes"),
        help_text=_("None ticked: every size."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "link",
            "issuer_organisation",
            "issuer_government",
            "opens_at",
            "closes_at",
            "amount_min",
            "amount_max",
            "currency",
            "audience",
            "areas",
            "size_classes",
            "themes",
            "partnership_condition",
            "condition_country",
            "published",
        ]
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = (
            Area.objects.at_home(LevelKind.REGION) | Area.objects.at_home(LevelKind.INTERMEDIATE)
        ).order_by("level__depth", "name")
        self.fields["areas"].label = _("Regions or prefectures")
        self.fields["areas"].help_text = _("None chosen: every commune.")
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["issuer_government"].queryset = Area.objects.foreign_local_governments()

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The largest amount cannot be below the smallest."))
        if cleaned.get("partnership_condition") and not cleaned.get("condition_country"):
            self.add_error("condition_country", _("Choose the country of the condition."))
        return cleaned
