from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import bilingual, by_name
from coopdec.core.forms import (
    DateInput,
    FilterForm,
    PartialDates,
    SearchField,
    model_choice,
    public_flag_for_federation_only,
)
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.directory.forms import NEW_ORGANISATION
from coopdec.directory.models import Organisation
from coopdec.directory.services import describe as describe_organisation
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.forms import (
    NEW_LOCAL_GOVERNMENT,
    commune_field,
    partner_country_field,
    prefecture_field,
    region_field,
)
from coopdec.territories.models import Area
from coopdec.territories.services import describe as describe_local_government

from .enums import PartnershipKind, PartnershipStatus
from .models import Event, Partnership
from .rules import MOVE_PARTNERSHIP


def home_local_governments():
    """Communes and regions of the federation's country: one side of every partnership."""
    return (
        Area.objects.filter(country__code=settings.COOPDEC_HOME_COUNTRY)
        .filter(Q(level__is_local_government=True) | Q(level__kind=LevelKind.REGION))
        .select_related("level")
        .order_by("level__depth", "name")
    )


class PartnershipForm(PartialDates):
    class Meta:
        model = Partnership
        fields = [
            "local_government",
            "partner_governments",
            "supporting_organisations",
            "kind",
            "name",
            "status",
            "status_since",
            "status_since_precision",
            "first_contact_date",
            "first_contact_precision",
            "signature_date",
            "signature_precision",
            "themes",
            "description",
            "is_public",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "partner_governments": PickerWidget(describe=describe_local_government),
            "supporting_organisations": PickerWidget(describe=describe_organisation),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = home_local_governments()
        public_flag_for_federation_only(self, user)
        if not user.is_federation:
            # A focal point records partnerships of its own communes only.
            in_scope = home.filter(pk__in=user.scoped_area_ids())
            if (
                self.instance.pk is None
                or in_scope.filter(pk=self.instance.local_government_id).exists()
            ):
                home = in_scope
        if self.instance.pk is not None and self.instance.commune_to_confirm:
            # Kept as it is until the commune is chosen (it stays "to confirm").
            home = home | Area.objects.filter(pk=self.instance.local_government_id)
            self.fields["local_government"].help_text = _(
                "Commune to confirm: choose the commune this partnership belongs to."
            )
        model_choice(self, "local_government").queryset = home
        if self.instance.pk is not None and not user.has_perm(MOVE_PARTNERSHIP, self.instance):
            # Shown, never taken from the request (``MOVE_PARTNERSHIP``).
            self.fields["local_government"].disabled = True
        # Pickers: thousands of local governments and organisations do not fit in a list.
        model_choice(self, "partner_governments").queryset = (
            Area.objects.foreign_local_governments()
            .select_related("country", "level", "parent")
            .order_by(by_name(bilingual("country__name")), by_name("name"))
        )
        model_choice(self, "supporting_organisations").queryset = Organisation.objects.order_by(
            "name"
        ).select_related("country")
        model_choice(self, "themes").queryset = Theme.objects.all()
        bind_pickers(
            self,
            user=user,
            creators={
                "partner_governments": NEW_LOCAL_GOVERNMENT,
                "supporting_organisations": NEW_ORGANISATION,
            },
        )

    def clean(self):
        cleaned = super().clean()
        first, signed = cleaned.get("first_contact_date"), cleaned.get("signature_date")
        if first and signed and signed < first:
            self.add_error(
                "signature_date", _("The signature cannot come before the first contact.")
            )
        same = self._same_partnership(cleaned)
        if same is not None:
            self.add_error(
                None,
                format_html(
                    _('This partnership is recorded already: <a href="{url}">{name}</a>.'),
                    url=same.get_absolute_url(),
                    name=str(same),
                ),
            )
        return cleaned

    def _same_partnership(self, cleaned) -> Partnership | None:
        """Another partnership of the same commune with exactly the same partners."""
        home, partners = cleaned.get("local_government"), cleaned.get("partner_governments")
        if home is None or partners is None:
            return None
        wanted = {area.pk for area in partners}
        others = (
            Partnership.objects.filter(local_government=home)
            .exclude(pk=self.instance.pk)
            .prefetch_related("partner_governments")
        )
        for other in others:
            if {area.pk for area in other.partner_governments.all()} == wanted:
                return other
        return None


class PartnershipFilterForm(FilterForm):
    lookups = {
        "status": "status",
        "kind": "kind",
        "region": "method:within",
        "prefecture": "method:within",
        "commune": "method:involving",
        "country": "method:with_country",
        "theme": "themes",
        "to_relaunch": "method:to_relaunch",
    }
    q = SearchField()
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *PartnershipStatus.choices],
        required=False,
        label=_("Status"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *PartnershipKind.choices], required=False, label=_("Kind")
    )
    region = region_field()
    prefecture = prefecture_field()
    commune = commune_field()
    country = partner_country_field()
    theme = ThemeChoiceField()
    to_relaunch = forms.BooleanField(required=False, label=_("To relaunch only"))


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "date", "place", "participants", "notes"]
        widgets = {"date": DateInput(), "participants": forms.Textarea(attrs={"rows": 3})}
