from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import by_name
from coopdec.core.forms import DateTimeInput, WebsiteField, model_choice
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.directory.forms import NEW_ORGANISATION
from coopdec.directory.models import Organisation
from coopdec.directory.services import describe as describe_organisation
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind, SizeClass
from coopdec.territories.forms import NEW_LOCAL_GOVERNMENT
from coopdec.territories.models import Area
from coopdec.territories.services import describe as describe_local_government

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
            "time_zone",
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
            "issuer_organisation": PickerWidget(describe=describe_organisation, multiple=False),
            "issuer_government": PickerWidget(describe=describe_local_government, multiple=False),
        }

    def __init__(self, *args, user, publishes: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not publishes:  # a partner's proposal: the federation publishes it
            del self.fields["published"]
        # The dates are typed on the clock they are given in.
        zone = ZoneInfo(self.instance.time_zone)
        for name in self.MOMENTS:
            moment = getattr(self.instance, name)
            if moment is not None:
                self.initial[name] = timezone.make_naive(moment, zone)
        model_choice(self, "areas").queryset = (
            Area.objects.at_home(LevelKind.REGION) | Area.objects.at_home(LevelKind.INTERMEDIATE)
        ).order_by("level__depth", by_name("name"))
        self.fields["areas"].label = _("Regions or prefectures")
        self.fields["areas"].help_text = _("None chosen: every commune.")
        model_choice(self, "themes").queryset = Theme.objects.all()
        model_choice(self, "issuer_government").queryset = (
            Area.objects.foreign_local_governments()
            .select_related("country", "level", "parent")
            .order_by(by_name("name"))
        )
        model_choice(self, "issuer_organisation").queryset = Organisation.objects.select_related(
            "country"
        ).order_by(by_name("name"))
        bind_pickers(
            self,
            user=user,
            creators={
                "issuer_organisation": NEW_ORGANISATION,
                "issuer_government": NEW_LOCAL_GOVERNMENT,
            },
        )

    MOMENTS = ("opens_at", "closes_at")

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        for name in self.MOMENTS:
            if cleaned.get(name) and zone:
                cleaned[name] = self._on_clock(name, cleaned[name], ZoneInfo(zone))
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The largest amount cannot be below the smallest."))
        if cleaned.get("partnership_condition") and not cleaned.get("condition_country"):
            self.add_error("condition_country", _("Choose the country of the condition."))
        return cleaned

    def _on_clock(self, name: str, moment, zone: ZoneInfo):
        """The date and time typed (read by Django on the site's clock) taken on ``zone``'s
        clock instead; a time that clock skips (summer time starts) is refused."""
        typed = timezone.make_naive(moment)
        on_clock = timezone.make_aware(typed, zone)
        # Through UTC: converting to its own zone would leave a skipped time unchanged.
        if timezone.make_naive(on_clock.astimezone(UTC), zone) != typed:
            self.add_error(
                name,
                _("This time does not exist on that clock (it moves forward that night)."),
            )
        return on_clock
