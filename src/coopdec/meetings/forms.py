from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import by_name
from coopdec.core.forms import DateInput, WebsiteField, model_choice
from coopdec.directory.models import Organisation, Person
from coopdec.opportunities.models import Opportunity
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.territories.models import Area

from . import services
from .enums import ActionStatus, Presence
from .models import Action, Item, Meeting, Outcome, Series


class MeetingForm(forms.ModelForm):
    """A meeting; its time is typed on the chosen clock (Lomé or Paris)."""

    link = WebsiteField(label=_("Link to join"))

    day = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Empty when not decided; it sets how long the invitation holds in calendars."),
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Invited organisations"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the usual members of the series."),
    )

    class Meta:
        model = Meeting
        fields = ["series", "title", "kind", "clock", "place", "link", "programme"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "series").queryset = Series.objects.order_by("name")
        self.fields["series"].help_text = _(
            "Made from a series, the meeting gets its agenda and members, and the actions "
            "still open from its earlier meetings."
        )
        model_choice(self, "programme").queryset = Programme.objects.published().order_by(
            by_name("name")
        )
        model_choice(self, "organisations").queryset = Organisation.objects.order_by(
            by_name("name")
        )
        if self.instance.pk:
            self.fields.pop("series")
            self.fields.pop("organisations")
            local = self.instance.local_start()
            self.initial.update(day=local.date(), time=local.time().replace(tzinfo=None))
            if self.instance.ends_at:
                end = self.instance.ends_at.astimezone(ZoneInfo(self.instance.clock))
                self.initial["end"] = end.time().replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("day") and cleaned.get("time") and cleaned.get("clock"):
            clock = ZoneInfo(cleaned["clock"])
            self.instance.starts_at = datetime.combine(
                cleaned["day"], cleaned["time"], tzinfo=clock
            )
            end = cleaned.get("end")
            self.instance.ends_at = (
                datetime.combine(cleaned["day"], end, tzinfo=clock) if end else None
            )
            if end and end <= cleaned["time"]:
                self.add_error("end", _("A meeting ends after it starts."))
        return cleaned


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["title", "notes"]


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "text"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "owner_person",
            "owner_organisation",
            "due_on",
            "commune",
            "partnership",
            "programme",
            "opportunity",
        ]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.instance.item.meeting
        model_choice(self, "owner_person").queryset = Person.objects.order_by(
            by_name("last_name"), by_name("first_name")
        )
        model_choice(self, "owner_organisation").queryset = Organisation.objects.order_by(
            by_name("name")
        )
        model_choice(self, "commune").queryset = Area.objects.communes().order_by(by_name("name"))
        # The meeting's partnerships: its own, or its programme's (not thousands).
        partnerships = Partnership.objects.filter(pk=meeting.partnership_id)
        if meeting.programme_id:
            partnerships = partnerships | Partnership.objects.filter(
                programmes=meeting.programme_id
            )
        model_choice(self, "partnership").queryset = partnerships.order_by(by_name("name"))
        model_choice(self, "programme").queryset = Programme.objects.published().order_by(
            by_name("name")
        )
        model_choice(self, "opportunity").queryset = Opportunity.objects.published().order_by(
            "-published_at"
        )

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_owner(cleaned.get("owner_person"), cleaned.get("owner_organisation"))
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    on = forms.DateField(label=_("On"), widget=DateInput(), required=False)


class AttendanceForm(forms.Form):
    """Who came to a meeting that was held: one choice per invitee."""

    def __init__(self, *args, attendances=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for attendance in attendances:
            label = str(attendance.organisation)
            if attendance.person:
                label += f" ({attendance.person})"
            self.fields[f"a{attendance.pk}"] = forms.ChoiceField(
                label=label, choices=Presence.choices, initial=attendance.state, required=False
            )

    def states(self) -> dict[int, str]:
        """Attendance id → state, for the invitees the form sent."""
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}


class InviteeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Person"),
        help_text=_(
            "The one to write to. Empty: the invitation goes to everyone who speaks for the "
            "organisation in coopdec."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "organisation").queryset = Organisation.objects.order_by(by_name("name"))
        model_choice(self, "person").queryset = Person.objects.order_by("last_name", "first_name")
