"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .dates import DatePrecision, as_typed, parse_partial_date
from .links import validate_web_address


class SearchField(forms.CharField):
    """The free-text search box of list pages: trimmed, bounded, never an error."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)


class FilterSelect(forms.Select):
    """A drop-down list written straight in Python instead of one template per option.

    Filter forms sit on every list page and their lists (prefectures, countries, themes)
    run to dozens of options: this keeps them from costing more than the list itself."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


class FilterForm(forms.Form):
    """A list's filters. Invalid values are dropped (and explained), never a 500.

    ``lookups`` maps each filter field to the queryset lookup it sets, or to the name of a
    queryset method taking the value (``"method:within"``); the ``q`` field, if any, goes
    through the queryset's ``search``.
    """

    lookups: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                choices = getattr(field, "choices", ())
                field.widget = FilterSelect(attrs=field.widget.attrs, choices=choices)

    def fixed_filters(self) -> list[tuple[StrOrPromise, object]]:
        """The filters set by a link rather than shown in the form (hidden fields): their
        label and value, to say what the list is restricted to."""
        filters = self.cleaned_filters()
        return [
            (field.label, filters[field.name])
            for field in self.hidden_fields()
            if field.name in filters
        ]

    def active_count(self) -> int:
        """How many of the shown filters are set: said beside "Filter" when they are folded."""
        filters = self.cleaned_filters()
        return sum(field.name in filters for field in self.visible_fields())

    def cleaned_filters(self) -> dict[str, Any]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "", [])}

    def canonical_query(self) -> str:
        """The valid filters alone, in the form's order, as a query string: one string for
        one choice of filters whatever else the address carried (what caches key on)."""
        filters = self.cleaned_filters()
        data = self.data
        values = data.getlist if hasattr(data, "getlist") else lambda name: [data[name]]
        return urlencode(
            [(name, value) for name in self.fields if name in filters for value in values(name)]
        )

    def apply(self, queryset):
        filters = self.cleaned_filters()
        if "q" in filters:
            queryset = queryset.search(filters.pop("q"))
        for name, value in filters.items():
            lookup = self.lookups[name]
            if lookup.startswith("method:"):
                queryset = getattr(queryset, lookup.removeprefix("method:"))(value)
            else:
                queryset = queryset.filter(**{lookup: value})
        return queryset


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO 8601 whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, read in the site's time zone (Africa/Lome)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class WebsiteField(forms.URLField):
    """A website address; "www.example.org" is taken as https://www.example.org."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Website"))
        super().__init__(**kwargs)
        self.validators = [validate_web_address]  # http(s) only, not ftp


def public_flag_for_federation_only(form: forms.ModelForm, user) -> None:
    """What the public atlas shows is the federation's decision: other roles do not get
    the "shown on the public atlas" box (and so cannot change it)."""
    if not user.is_federation:
        form.fields.pop("is_public", None)


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field ``name``, which offers records (to limit or label them)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} does not offer records")
    return field


class PartialDateField(forms.Field):
    """A date as far as it is known: 12/03/2019, 03/2019, mars 2019 or 2019 (cleaned to a
    ``PartialDate``; ``PartialDates`` stores it with its precision)."""

    widget = forms.TextInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("The day, the month or only the year: 12/03/2019, 03/2019 or 2019.")
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return parse_partial_date(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class PartialDates(forms.ModelForm):
    """A model form whose dates are typed as far as they are known. The model's
    ``PRECISIONS`` maps each date field to the field that keeps its precision; both are
    in the form's fields (the precision hidden, set from what was typed)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, precision in self.instance.PRECISIONS.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            self.fields[name] = PartialDateField(
                label=field.label, required=field.required, help_text=field.help_text or None
            )
            self.fields[precision].widget = forms.HiddenInput()
            self.fields[precision].required = False
            value = getattr(self.instance, name)
            self.initial[name] = as_typed(value, getattr(self.instance, precision))

    def clean(self):
        cleaned = super().clean()
        for name, precision in self.instance.PRECISIONS.items():
            if name not in self.fields:
                continue
            partial = cleaned.get(name)
            cleaned[name] = partial.date if partial is not None else None
            cleaned[precision] = partial.precision if partial is not None else DatePrecision.DAY
        return cleaned
