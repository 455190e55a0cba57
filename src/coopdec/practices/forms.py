from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import bilingual, by_name
from coopdec.core.forms import FilterForm, SearchField, model_choice
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.projects.models import Project
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.territories.enums import SizeClass
from coopdec.territories.models import Country, Currency

from . import services
from .models import GoodPractice


class GoodPracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "language",
            "translation_of",
            "summary",
            "context",
            "actions",
            "results",
            "lessons",
            "replication",
            "cost",
            "currency",
            "contact_role",
            "projects",
            "partnerships",
            "programmes",
            "themes",
            "goals",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "projects": PickerWidget(),
            "partnerships": PickerWidget(),
            "programmes": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Linked to what the author may see; a practice needs one of them.
        model_choice(self, "projects").queryset = Project.objects.visible_to(user).order_by(
            by_name("title")
        )
        model_choice(self, "partnerships").queryset = Partnership.objects.visible_to(user).order_by(
            by_name("name")
        )
        model_choice(self, "programmes").queryset = Programme.objects.visible_to(user).order_by(
            by_name("name")
        )
        others = GoodPractice.objects.visible_to(user).order_by(by_name("title"))
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        model_choice(self, "translation_of").queryset = others
        model_choice(self, "currency").queryset = Currency.objects.filter(
            code__in=["EUR", "XOF"]
        ).order_by("code")
        bind_pickers(self, user=user)

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_links(cleaned)
        except forms.ValidationError as error:
            self.add_error(None, error)
        if cleaned.get("cost") is not None and not cleaned.get("currency"):
            self.add_error("currency", _("Say the currency of the cost."))
        translation = cleaned.get("translation_of")
        if translation and translation.language == cleaned.get("language"):
            self.add_error(
                "translation_of", _("A translation is in the other language than its original.")
            )
        elif translation and (
            translation.translation_of_id
            or GoodPractice.objects.filter(translation_of=translation)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "translation_of",
                _("This practice has its other language already: edit that one instead."),
            )
        return cleaned


class PracticeFilterForm(FilterForm):
    q = SearchField()
    theme = ThemeChoiceField()
    country = forms.ModelChoiceField(
        queryset=Country.objects.none(),
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
        to_field_name="code",
    )
    size = forms.ChoiceField(
        choices=[("", _("All sizes")), *SizeClass.choices], required=False, label=_("Commune size")
    )
    lookups = {
        "theme": "method:with_theme",
        "country": "method:in_country",
        "size": "method:of_size",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "country").queryset = Country.objects.filter(
            pk__in=GoodPractice.countries.through.objects.values("country")
        ).order_by(by_name(bilingual("name")))
