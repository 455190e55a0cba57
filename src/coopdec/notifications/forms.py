from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import topics
from .enums import Frequency
from .models import Preference


class PreferencesForm(forms.Form):
    """A person's language and, per topic (``topics``), how often they want e-mail."""

    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        known = Preference.of([user.pk])
        initial = {"language": user.language}
        for topic in self.topics():
            initial[topic] = Preference.chosen(known, user.pk, topic)
        super().__init__(*args, **{**kwargs, "initial": initial})
        for topic, label in topics.choices():
            self.fields[topic] = forms.ChoiceField(
                label=label, choices=Frequency.choices, widget=forms.RadioSelect
            )

    @staticmethod
    def topics() -> list[str]:
        return topics.values()

    def save(self) -> None:
        self.user.language = self.cleaned_data["language"]
        self.user.save(update_fields=["language"])
        Preference.set_all(self.user, {topic: self.cleaned_data[topic] for topic in self.topics()})
