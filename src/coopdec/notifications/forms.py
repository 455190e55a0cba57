from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopdec.opportunities.enums import OpportunityKind

from .enums import Frequency
from .models import Preference


class PreferencesForm(forms.Form):
    """A person's language and, per kind of opportunity, how often they want e-mail."""

    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        known = Preference.of([user.pk])
        initial = {"language": user.language}
        for kind in self.kinds():
            initial[kind] = Preference.chosen(known, user.pk, kind)
        super().__init__(*args, initial=initial, **kwargs)
        for kind, label in OpportunityKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Frequency.choices, widget=forms.RadioSelect
            )

    @staticmethod
    def kinds() -> list[str]:
        return list(OpportunityKind.values)

    def save(self) -> None:
        self.user.language = self.cleaned_data["language"]
        self.user.save(update_fields=["language"])
        Preference.set_all(self.user, {kind: self.cleaned_data[kind] for kind in self.kinds()})
