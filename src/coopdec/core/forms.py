"""Form helpers shared by the apps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchField(forms.CharField):
    """The free-text search box of list pages: trimmed, bounded, never an error."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)


class FilterForm(forms.Form):
    """A list's filters. Invalid values are dropped (and explained), never a 500.

    ``lookups`` maps each filter field to the queryset lookup it sets; the ``q`` field, if
    any, goes through the queryset's ``search``.
    """

    lookups: dict[str, str] = {}

    def cleaned_filters(self) -> dict[str, object]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "", [])}

    def apply(self, queryset):
        filters = self.cleaned_filters()
        if "q" in filters:
            queryset = queryset.search(filters.pop("q"))
        return queryset.filter(**{self.lookups[name]: value for name, value in filters.items()})


class WebsiteField(forms.URLField):
    """A website address; "www.example.org" is taken as https://www.example.org."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Website"))
        super().__init__(**kwargs)
