from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopdec.core.forms import DateInput, FilterForm, SearchField, model_choice
from coopdec.documents.models import Document
from coopdec.taxonomy.forms import ThemeChoiceField

from .enums import PublicationKind
from .models import Publication


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = [
            "title",
            "kind",
            "summary",
            "language",
            "date",
            "themes",
            "is_public",
            "linked_document",
        ]
        widgets = {"date": DateInput(), "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "linked_document").queryset = Document.objects.published().order_by(
            "title", "pk"
        )


class PublicationFilterForm(FilterForm):
    q = SearchField()
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *PublicationKind.choices], required=False, label=_("Kind")
    )
    theme = ThemeChoiceField()
    language = forms.ChoiceField(
        choices=[("", _("All languages")), *settings.LANGUAGES],
        required=False,
        label=_("Language"),
    )
    lookups = {"kind": "kind", "theme": "themes", "language": "language"}
